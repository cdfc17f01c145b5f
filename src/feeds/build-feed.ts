import { renderAtom } from './atom.js';
import type { FeedFormat } from './formats.js';
import { renderJsonFeed } from './json-feed.js';
import { type BuildFeedOptions, buildFeedModel, type FeedModel } from './model.js';
import { renderRss } from './rss.js';

const RENDERERS: Record<FeedFormat, (model: FeedModel) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** Records → one feed document. Pure: the same options always give the same string. */
export function buildFeed(options: BuildFeedOptions): string {
  return RENDERERS[options.format](buildFeedModel(options));
}
