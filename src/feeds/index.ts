export { assembleFeed, buildFeed, buildFeedBytes } from './build-feed.js';
export {
  DEFAULT_EMBED_HOSTS,
  type EmbedOptions,
  embedLink,
  type FeedContentOptions,
  feedContentRules,
  sanitizeBody,
} from './content/index.js';
export { FeedBody } from './feed-body.js';
export { createFeedService, type FeedDocument, type FeedService, type FeedServiceDeps } from './feed-service.js';
export {
  archivePath,
  FEED_CONTENT_TYPES,
  FEED_FILE,
  FEED_FORMATS,
  type FeedFormat,
  type FeedScope,
  feedPath,
} from './formats.js';
export { articleTagUri, type BuildFeedOptions } from './model/index.js';
