import { ATOM_TAIL, renderAtomEntry, renderAtomHead } from './atom.js';
import type { FeedFormat } from './formats.js';
import { prepareItems } from './items.js';
import { JSON_ITEM_SEPARATOR, renderJsonHead, renderJsonItem, renderJsonTail } from './json-feed.js';
import { type BuildFeedOptions, buildFeedModel, type FeedModel, type PreparedItem } from './model.js';
import { RSS_TAIL, renderRssHead, renderRssItem } from './rss.js';

/** How a document of one format is laid out: a head, the items with a separator between them, a tail. */
interface Layout {
  head(model: FeedModel, itemCount: number): string;
  /** One item's fragment; a function of the item and the feed service's fixed settings only. */
  item(item: PreparedItem, model: FeedModel): string;
  separator: string;
  tail(itemCount: number): string;
}

const LAYOUTS: Record<FeedFormat, Layout> = {
  rss: { head: renderRssHead, item: ({ entry }) => renderRssItem(entry), separator: '', tail: () => RSS_TAIL },
  atom: {
    head: renderAtomHead,
    item: ({ entry }, model) => renderAtomEntry(entry, model.language),
    separator: '',
    tail: () => ATOM_TAIL,
  },
  json: {
    head: renderJsonHead,
    item: ({ entry }) => renderJsonItem(entry),
    separator: JSON_ITEM_SEPARATOR,
    tail: renderJsonTail,
  },
};

function plan(options: BuildFeedOptions) {
  const layout = LAYOUTS[options.format];
  const prepared = prepareItems(options);
  const model = buildFeedModel(
    options,
    prepared.map((item) => item.entry),
  );
  return { layout, prepared, model };
}

/**
 * Records → one feed document. Pure: the same options always give the same string. With an item cache, each
 * record's fragment is rendered once per version and format, and a build only assembles.
 */
export function buildFeed(options: BuildFeedOptions): string {
  const { format } = options;
  const { layout, prepared, model } = plan(options);
  const fragments = prepared.map((item) => {
    let fragment = item.fragments[format];
    if (fragment === undefined) {
      fragment = layout.item(item, model);
      item.fragments[format] = fragment;
    }
    return fragment;
  });
  return `${layout.head(model, prepared.length)}${fragments.join(layout.separator)}${layout.tail(prepared.length)}`;
}

/**
 * The same document as UTF-8 bytes, as the feed service serves it. Items are cached as bytes, so a rebuild encodes
 * only the head, the tail and the items that changed (encoding a 250 KB document of typographic text took as long
 * as everything else in a rebuild).
 */
export function buildFeedBytes(options: BuildFeedOptions): Buffer {
  const { format } = options;
  const { layout, prepared, model } = plan(options);
  const separator = layout.separator ? Buffer.from(layout.separator, 'utf8') : undefined;
  const parts: Buffer[] = [Buffer.from(layout.head(model, prepared.length), 'utf8')];
  prepared.forEach((item, index) => {
    let bytes = item.bytes[format];
    if (bytes === undefined) {
      bytes = Buffer.from(item.fragments[format] ?? layout.item(item, model), 'utf8');
      item.bytes[format] = bytes;
    }
    if (separator && index > 0) parts.push(separator);
    parts.push(bytes);
  });
  parts.push(Buffer.from(layout.tail(prepared.length), 'utf8'));
  return Buffer.concat(parts);
}
