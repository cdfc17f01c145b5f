/**
 * Content stage: what an item publishes, made from a record once, at ingest (stores run these rules and keep the
 * result beside the record): the hero figure, the body sanitised, made absolute and its embeds turned into links, and
 * the media type of a photo from its URL.
 */
export { type FeedContentOptions, feedContentRules } from './content-rules.js';
export { DEFAULT_EMBED_HOSTS, type EmbedOptions, embedLink, escapeHtml, sanitizeBody } from './html.js';
export { DEFAULT_IMAGE_TYPE, imageMediaType } from './media-type.js';
