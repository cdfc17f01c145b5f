/**
 * What each platform reads from an article page and what it accepts, so the preview page can say, tag by tag,
 * whether a share will look right. Limits are the platforms' published ones where they publish them (sources in
 * each entry); where a platform only truncates visually, the length is the one seen in its current layout and the
 * check warns rather than fails.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Check {
  status: CheckStatus;
  text: string;
}

export interface PlatformReport {
  id: PlatformId;
  name: string;
  /** One line on how the platform shows a link. */
  shows: string;
  checks: Check[];
}

export interface CardFacts {
  bytes: number;
  contentType: string;
  width: number;
  height: number;
  /** 'photo' or 'plain': what the card really shows. */
  template: string;
}

export interface PreviewFacts {
  /** The page's tags as written in its <head>: `og:title` → content (first occurrence). */
  tags: ReadonlyMap<string, string>;
  card: CardFacts;
  hasPhoto: boolean;
  hasStandfirst: boolean;
  hasAuthors: boolean;
}

export type PlatformId = 'facebook' | 'x' | 'linkedin' | 'slack' | 'discord' | 'whatsapp' | 'imessage' | 'reader';

interface PlatformRule {
  id: PlatformId;
  name: string;
  shows: string;
  /** Tags the platform needs; without them the share is broken or falls back to guessing. */
  required: readonly string[];
  /** Tags it reads when present. */
  optional: readonly string[];
  title?: { tags: readonly string[]; max: number; hard?: boolean };
  description?: { tags: readonly string[]; max: number };
  image?: {
    maxBytes: number;
    minWidth: number;
    minHeight: number;
    types: readonly string[];
    /** Why this limit, in a few words. */
    source: string;
  };
}

const MB = 1024 * 1024;
const WEB_IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

export const PLATFORMS: readonly PlatformRule[] = [
  {
    // developers.facebook.com/docs/sharing/webmasters: og:title/type/image/url required; images at least 200×200,
    // 1200×630 recommended, 8 MB at most.
    id: 'facebook',
    name: 'Facebook',
    shows: 'link post: the image at 1.91:1 above the upper-case domain, the title (2 lines) and 1 line of description',
    required: ['og:title', 'og:type', 'og:image', 'og:url'],
    optional: ['og:description', 'og:site_name', 'og:image:width', 'og:image:height', 'og:image:alt', 'og:locale'],
    title: { tags: ['og:title'], max: 88 },
    description: { tags: ['og:description'], max: 110 },
    image: { maxBytes: 8 * MB, minWidth: 200, minHeight: 200, types: WEB_IMAGES, source: 'Facebook: 8 MB, ≥ 200×200' },
  },
  {
    // developer.x.com/en/docs/x-for-websites/cards: twitter:card required; title ≤ 70, description ≤ 200 characters;
    // summary_large_image ≥ 300×157, < 5 MB, JPG/PNG/WEBP/GIF, shown cropped to 2:1; alt ≤ 420 characters.
    id: 'x',
    name: 'X',
    shows: 'large summary card: the image cropped to 2:1 with the domain over it, the title below',
    required: ['twitter:card'],
    optional: [
      'twitter:title',
      'twitter:description',
      'twitter:image',
      'twitter:image:alt',
      'twitter:site',
      'og:title',
      'og:image',
    ],
    title: { tags: ['twitter:title', 'og:title'], max: 70 },
    description: { tags: ['twitter:description', 'og:description'], max: 200 },
    image: { maxBytes: 5 * MB, minWidth: 300, minHeight: 157, types: WEB_IMAGES, source: 'X: 5 MB, ≥ 300×157' },
  },
  {
    // linkedin.com/help/linkedin/answer/a521928: og:title, og:image, og:description; images 1200×627 recommended,
    // 5 MB at most; the title is shown on up to 2 lines.
    id: 'linkedin',
    name: 'LinkedIn',
    shows: 'post: the image at 1.91:1, the title (2 lines) and the domain beneath',
    required: ['og:title', 'og:image'],
    optional: ['og:description', 'og:url', 'article:author', 'article:published_time'],
    title: { tags: ['og:title'], max: 70 },
    image: { maxBytes: 5 * MB, minWidth: 1200, minHeight: 627, types: WEB_IMAGES, source: 'LinkedIn: 5 MB, 1200×627' },
  },
  {
    // api.slack.com/robots: Slackbot reads oEmbed, then twitter:* and og:* from the start of the page.
    id: 'slack',
    name: 'Slack',
    shows: 'unfurl: site name, the title as a link, the description, the image up to 360 px wide',
    required: ['og:title'],
    optional: ['og:description', 'og:image', 'og:site_name', 'twitter:image', 'twitter:description'],
    title: { tags: ['og:title', 'twitter:title'], max: 150 },
    description: { tags: ['og:description', 'twitter:description'], max: 300 },
    image: { maxBytes: 8 * MB, minWidth: 200, minHeight: 100, types: WEB_IMAGES, source: 'Slack' },
  },
  {
    // Discord's embed limits: title 256, description shown to about 350 characters; theme-color colours the bar;
    // twitter:card summary_large_image makes the image large; attachments up to 8 MB are shown.
    id: 'discord',
    name: 'Discord',
    shows: 'embed: accent bar from theme-color, site name, title link, description, large image',
    required: ['og:title', 'og:image'],
    optional: ['og:description', 'og:site_name', 'theme-color', 'twitter:card'],
    title: { tags: ['og:title'], max: 256, hard: true },
    description: { tags: ['og:description'], max: 350 },
    image: { maxBytes: 8 * MB, minWidth: 200, minHeight: 100, types: WEB_IMAGES, source: 'Discord: about 8 MB' },
  },
  {
    // WhatsApp shows og:image as a square thumbnail beside the title; images over about 300 KB are reported to be
    // dropped, and it wants at least 300 px.
    id: 'whatsapp',
    name: 'WhatsApp',
    shows: 'message: a square thumbnail beside the title and description, the link below',
    required: ['og:title', 'og:image'],
    optional: ['og:description', 'og:url'],
    title: { tags: ['og:title'], max: 80 },
    description: { tags: ['og:description'], max: 120 },
    image: {
      maxBytes: 300 * 1024,
      minWidth: 300,
      minHeight: 200,
      types: ['image/jpeg', 'image/png'],
      source: 'WhatsApp: about 300 KB',
    },
  },
  {
    // developer.apple.com/documentation/linkpresentation: og:title and og:image (or the page's icon).
    id: 'imessage',
    name: 'iMessage',
    shows: 'rich link bubble: the image full width, the title and domain beneath',
    required: ['og:title', 'og:image'],
    optional: ['og:site_name'],
    title: { tags: ['og:title'], max: 90 },
    image: { maxBytes: 10 * MB, minWidth: 300, minHeight: 150, types: WEB_IMAGES, source: 'iMessage' },
  },
];

/** Every platform's checklist for one article page and its card. */
export function checkPlatforms(facts: PreviewFacts): PlatformReport[] {
  return [...PLATFORMS.map((rule) => checkPlatform(rule, facts)), checkReader(facts)];
}

function checkPlatform(rule: PlatformRule, facts: PreviewFacts): PlatformReport {
  const { tags } = facts;
  const checks: Check[] = [];
  for (const tag of rule.required) {
    checks.push(tags.has(tag) ? pass(`${tag} is present`) : fail(`${tag} is missing: ${rule.name} needs it`));
  }
  const optionalMissing = rule.optional.filter((tag) => !tags.has(tag));
  if (optionalMissing.length === 0) checks.push(pass(`reads ${rule.optional.join(', ')}: all present`));
  else checks.push(warn(`not given (read when present): ${optionalMissing.join(', ')}`));

  if (rule.title) checks.push(lengthCheck('title', rule.title.tags, rule.title.max, tags, rule.title.hard ?? false));
  if (rule.description) {
    checks.push(lengthCheck('description', rule.description.tags, rule.description.max, tags, false));
    if (!facts.hasStandfirst) checks.push(warn('no standfirst: the description is taken from the start of the body'));
  }
  if (rule.image) checks.push(...imageChecks(rule.image, facts));
  if (rule.id === 'x' && tags.get('twitter:card') !== 'summary_large_image') {
    checks.push(
      fail(`twitter:card is "${tags.get('twitter:card') ?? ''}": expected summary_large_image for a large image`),
    );
  }
  return { id: rule.id, name: rule.name, shows: rule.shows, checks };
}

function checkReader(facts: PreviewFacts): PlatformReport {
  const checks: Check[] = [
    facts.hasStandfirst
      ? pass('standfirst given: readers show it as the summary')
      : warn('no standfirst: readers show the start of the body as the summary'),
    facts.hasPhoto
      ? pass('hero photo given: Media RSS and the enclosure carry it as the thumbnail')
      : warn('no hero photo: readers show no thumbnail'),
    facts.hasAuthors
      ? pass('authors given: dc:creator, atom:author and JSON Feed authors are written')
      : warn('no authors: items have no byline'),
  ];
  return {
    id: 'reader',
    name: 'Feed reader',
    shows: 'item: title, source and date, the summary, the thumbnail from Media RSS',
    checks,
  };
}

function lengthCheck(
  what: string,
  candidates: readonly string[],
  max: number,
  tags: ReadonlyMap<string, string>,
  hard: boolean,
): Check {
  const tag = candidates.find((t) => tags.has(t));
  if (!tag) return fail(`no ${what}: none of ${candidates.join(', ')}`);
  const length = [...tags.get(tag)!].length;
  if (length <= max) return pass(`${what} (${tag}) is ${length} characters; shown whole up to ${max}`);
  return (hard ? fail : warn)(`${what} (${tag}) is ${length} characters; cut after about ${max}`);
}

function imageChecks(limits: NonNullable<PlatformRule['image']>, facts: PreviewFacts): Check[] {
  const { card } = facts;
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  return [
    limits.types.includes(card.contentType)
      ? pass(`image type ${card.contentType} is accepted`)
      : fail(`image type ${card.contentType} is not accepted (${limits.types.join(', ')})`),
    card.bytes <= limits.maxBytes
      ? pass(`image is ${kb(card.bytes)}; the limit is ${kb(limits.maxBytes)} (${limits.source})`)
      : fail(`image is ${kb(card.bytes)}; the limit is ${kb(limits.maxBytes)} (${limits.source})`),
    card.width >= limits.minWidth && card.height >= limits.minHeight
      ? pass(`image is ${card.width}×${card.height}; at least ${limits.minWidth}×${limits.minHeight} is needed`)
      : fail(`image is ${card.width}×${card.height}; at least ${limits.minWidth}×${limits.minHeight} is needed`),
    card.template === 'photo'
      ? pass('the card shows the hero photo')
      : warn('the card is the text-only design (no photo could be drawn)'),
  ];
}

const pass = (text: string): Check => ({ status: 'pass', text });
const warn = (text: string): Check => ({ status: 'warn', text });
const fail = (text: string): Check => ({ status: 'fail', text });
