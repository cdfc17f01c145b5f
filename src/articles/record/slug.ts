import slugify from '@sindresorhus/slugify';
import { boundedMemo } from './bounded-memo.js';

/**
 * The slug of a section, author or tag name as it appears in feed paths: lower-case and hyphenated, with Latin,
 * Greek and Cyrillic transliterated (`True crime` → `true-crime`, `Łódź` → `lodz`). Scripts the transliterator
 * does not cover (CJK, Arabic…) keep their letters, lower-cased, so every non-blank name has a slug.
 */
export function slugOf(name: string): string {
  return slugs(name);
}

/** Slugs by name: transliterating was a visible share of storing an article and of preparing a feed item. */
const slugs = boundedMemo(computeSlug, 10_000);

function computeSlug(name: string): string {
  const slug = slugify(name);
  if (slug) return slug;
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
