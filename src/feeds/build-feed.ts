import { renderAtom, renderAtomEntry } from './atom.js';
import type { FeedFormat } from './formats.js';
import { renderJsonFeed, renderJsonItem } from './json-feed.js';
import { type BuildFeedOptions, buildFeedModel, type FeedModel, type PreparedItem, prepareItems } from './model.js';
import { renderRss, renderRssItem } from './rss.js';

interface Renderer {
  /** One item's fragment; a function of the item and the feed service's fixed settings only. */
  item(item: PreparedItem, model: FeedModel): string;
  document(model: FeedModel, items: readonly string[]): string;
}

const RENDERERS: Record<FeedFormat, Renderer> = {
  rss: { item: ({ entry }) => renderRssItem(entry), document: renderRss },
  atom: { item: ({ entry }, model) => renderAtomEntry(entry, model.language), document: renderAtom },
  json: { item: ({ entry }) => renderJsonItem(entry), document: renderJsonFeed },
};

/**
 * Records → one feed document. Pure: the same options always give the same string. With an item cache, each
 * record's fragment is rendered once per version and format, and a build only assembles.
 */
export function buildFeed(options: BuildFeedOptions): string {
  const { format } = options;
  const renderer = RENDERERS[format];
  const prepared = prepareItems(options);
  const model = buildFeedModel(
    options,
    prepared.map((item) => item.entry),
  );
  const fragments = prepared.map((item) => {
    let fragment = item.fragments[format];
    if (fragment === undefined) {
      fragment = renderer.item(item, model);
      item.fragments[format] = fragment;
    }
    return fragment;
  });
  return renderer.document(model, fragments);
}
