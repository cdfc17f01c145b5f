/**
 * Model stage: records → one format-neutral description of a feed (its head and one entry per record, kept per
 * record version by the feed service), which every writer only maps to its wire names.
 */
export { articleTagUri, prepareItems, summaryHtml } from './items.js';
export {
  type ArchivePosition,
  type BuildFeedOptions,
  buildFeedModel,
  type FeedEntry,
  type FeedImage,
  type FeedModel,
  type FeedPerson,
  type PreparedItem,
} from './model.js';
