import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { dateTime, httpUrl, languageTag, text } from './fields.js';
import { toIssues } from './issues.js';
import { cleanStrings } from './text.js';

/**
 * The article record as a newsroom writes it. Our names inside (`headline`, `publishedAt`, `credit`); feed wire
 * names (`pubDate`, `date_published`) live only in src/feeds. Unknown fields are ignored, so a CMS may send more.
 */

export const ARTICLE_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/;

const imageSchema = z.object({
  url: httpUrl,
  alt: z.string().max(1000).optional(),
  caption: z.string().max(2000).optional(),
  credit: z.string().max(300).optional(),
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
});

const authorSchema = z.object({
  name: text(200),
  role: z.string().max(200).optional(),
  url: httpUrl.optional(),
  email: z.email('must be an e-mail address').max(320).optional(),
});

export const articleSchema = z
  .object({
    id: z
      .string()
      .regex(
        ARTICLE_ID,
        'must be 1–200 URL-safe characters (letters, digits, ".", "_", "~", "-"), not starting with punctuation',
      ),
    url: httpUrl,
    headline: text(1000),
    standfirst: z.string().max(5000).optional(),
    body: z.string().default(''),
    publishedAt: dateTime,
    updatedAt: dateTime.optional(),
    language: languageTag.optional(),
    section: text(200).optional(),
    tags: z.array(text(200)).max(100).default([]),
    authors: z.array(authorSchema).max(50).default([]),
    image: imageSchema.optional(),
    images: z.array(imageSchema).max(200).default([]),
    related: z
      .array(z.object({ title: text(1000), url: httpUrl }))
      .max(100)
      .default([]),
    videos: z
      .array(
        z.object({ provider: z.string().max(100).optional(), title: z.string().max(1000).optional(), url: httpUrl }),
      )
      .max(100)
      .default([]),
  })
  .superRefine((article, ctx) => {
    if (article.updatedAt && Date.parse(article.updatedAt) < Date.parse(article.publishedAt)) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'must not be earlier than publishedAt' });
    }
  });

export type Article = z.output<typeof articleSchema>;
export type ArticleInput = z.input<typeof articleSchema>;
export type ArticleImage = z.output<typeof imageSchema>;
export type ArticleAuthor = z.output<typeof authorSchema>;

/**
 * Validates a record from the outside world. Characters illegal in XML 1.0 are dropped first (the only change we
 * ever make to a publisher's text); every problem is reported at once with its path.
 */
export function parseArticle(input: unknown): Article {
  const result = articleSchema.safeParse(cleanStrings(input));
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new ValidationError(`invalid article: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data;
}
