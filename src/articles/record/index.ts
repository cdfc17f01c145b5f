/**
 * The article record as a newsroom writes it, and the site settings beside it: their schemas and validation, and
 * the rules every stage applies to their text (XML-legal characters, slugs, credit labels, nesting depth).
 * Render workers and one-shot commands import credit.ts, bounded-memo.ts, schema.ts and site.ts by file, so they
 * load no more than they use (tests/structure/structure.test.ts, DEEP_IMPORTS).
 */
export { creditLabel, creditLine, hasCreditLabel } from './credit.js';
export { dateTime, httpUrl, languageTag, preview } from './fields.js';
export { toIssues } from './issues.js';
export { jsonDepthOver, MAX_JSON_DEPTH } from './json-depth.js';
export {
  ARTICLE_ID,
  type Article,
  type ArticleAuthor,
  type ArticleImage,
  type ArticleInput,
  articleSchema,
  parseArticle,
} from './schema.js';
export { parseSite, type Site, type SiteInput, siteSchema, xHandle } from './site.js';
export { slugOf } from './slug.js';
export { cleanStrings, stripXmlIllegal } from './text.js';
