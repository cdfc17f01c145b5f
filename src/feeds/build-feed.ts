import { FeedBody } from './feed-body.js';
import type { FeedFormat } from './formats.js';
import {
  type BuildFeedOptions,
  buildFeedModel,
  type FeedModel,
  type PreparedItem,
  prepareItems,
} from './model/index.js';
import {
  ATOM_TAIL,
  JSON_ITEM_SEPARATOR,
  RSS_TAIL,
  renderAtomEntry,
  renderAtomHead,
  renderJsonHead,
  renderJsonItem,
  renderJsonTail,
  renderRssHead,
  renderRssItem,
} from './writers/index.js';

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

/**
 * Records → one feed document, as UTF-8 bytes, as the feed service serves it: the parts in order, not joined
 * (feed-body.ts says why). Pure: the same options always give the same bytes. With an item cache, each record's
 * fragment is rendered and encoded once per version and format, so a rebuild encodes only the head, the tail and the
 * items that changed (encoding a 250 KB document of typographic text took as long as everything else in a rebuild).
 */
export function assembleFeed(options: BuildFeedOptions): FeedBody {
  const { format } = options;
  const layout = LAYOUTS[format];
  const prepared = prepareItems(options);
  const model = buildFeedModel(
    options,
    prepared.map((item) => item.entry),
  );
  const separator = layout.separator ? Buffer.from(layout.separator, 'utf8') : undefined;
  const parts: Buffer[] = [Buffer.from(layout.head(model, prepared.length), 'utf8')];
  prepared.forEach((item, index) => {
    let bytes = item.bytes[format];
    if (bytes === undefined) {
      bytes = Buffer.from(layout.item(item, model), 'utf8');
      item.bytes[format] = bytes;
    }
    if (separator && index > 0) parts.push(separator);
    parts.push(bytes);
  });
  parts.push(Buffer.from(layout.tail(prepared.length), 'utf8'));
  let length = 0;
  for (const part of parts) length += part.length;
  return new FeedBody(parts, length);
}

/** The same document as one buffer. */
export function buildFeedBytes(options: BuildFeedOptions): Buffer {
  return assembleFeed(options).joined;
}

/**
 * The same document as a string. Decoded from the bytes rather than joined from string fragments: each fragment is
 * a rope of a few hundred pieces, and flattening the joined 250 KB document (which any use of it does first) took
 * longer than rendering every item (2 ms of a 5 ms build; docs/performance.md "Feeds: built as bytes").
 */
export function buildFeed(options: BuildFeedOptions): string {
  return buildFeedBytes(options).toString('utf8');
}
