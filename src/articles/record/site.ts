import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { httpUrl, languageTag, text } from './fields.js';
import { toIssues } from './issues.js';
import { cleanStrings } from './text.js';

/** The publisher's site settings, shaped like examples/site.json. */

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const handle = z
  .string()
  .max(100)
  .transform((value) => value.replace(/^@/, ''))
  .refine((value) => /^[A-Za-z0-9_.-]+$/.test(value), 'must be a handle such as "@syndicard"');

export const siteSchema = z.object({
  name: text(200),
  url: httpUrl,
  description: z.string().max(2000).optional(),
  language: languageTag.default('en'),
  copyright: z.string().max(500).optional(),
  /** Square-ish logo or wordmark for feeds and cards. */
  logo: httpUrl.optional(),
  /** Small icon for feeds (Atom `icon`, JSON Feed `favicon`). */
  icon: httpUrl.optional(),
  social: z
    .object({ twitter: handle.optional(), x: handle.optional(), facebook: handle.optional() })
    .catchall(z.string().max(200))
    .default({}),
  /** Card look: colours of the text-only template and of the panel over photos. */
  theme: z
    .object({
      background: color.default('#111827'),
      foreground: color.default('#ffffff'),
      accent: color.default('#e11d48'),
    })
    .default({ background: '#111827', foreground: '#ffffff', accent: '#e11d48' }),
  /** The card template used when a request does not choose one. */
  template: z.enum(['photo', 'plain']).default('photo'),
});

export type Site = z.output<typeof siteSchema>;
export type SiteInput = z.input<typeof siteSchema>;

export function parseSite(input: unknown, source = 'site settings'): Site {
  const result = siteSchema.safeParse(cleanStrings(input));
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new ValidationError(
      `invalid ${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
      'INVALID_SITE',
    );
  }
  return result.data;
}

/** The X handle to announce in `twitter:site`, from either spelling of the setting. */
export function xHandle(site: Site): string | undefined {
  return site.social.x ?? site.social.twitter;
}
