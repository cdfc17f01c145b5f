import type { FeedEntry, FeedModel, FeedPerson } from '../model/index.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written from the model directly (`feed` writes version 1,
 * with the singular `author` that 1.1 deprecates and no `language`). Keys are written in a fixed order so equal
 * inputs give equal bytes; the layout is `JSON.stringify(document, null, 2)` with a final line end, and each item
 * is stringified on its own so the feed service can keep it per record version.
 */

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** Items sit at depth 2 of the document (`items` → array element). */
const ITEM_INDENT = '    ';

/**
 * Everything before the first item: the feed's own keys, then `items` as the last key, exactly where
 * JSON.stringify would put it. Items follow, separated by `JSON_ITEM_SEPARATOR`, then `renderJsonTail`.
 */
export function renderJsonHead(model: FeedModel, itemCount: number): string {
  const document = {
    version: JSON_FEED_VERSION,
    title: model.title,
    home_page_url: model.homeUrl,
    // feed_url identifies the feed, so archive pages keep the subscription feed's URL.
    feed_url: model.currentUrl,
    description: model.description,
    // JSON Feed's paging: the next (older) page, which is the RFC 5005 prev-archive of the XML formats.
    ...(model.prevArchiveUrl ? { next_url: model.prevArchiveUrl } : {}),
    ...(model.logo ? { icon: model.logo } : {}),
    ...(model.icon ? { favicon: model.icon } : {}),
    authors: [toAuthor(model.author)],
    language: model.language,
    ...(model.hubs.length > 0 ? { hubs: model.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
  };
  // The document without its closing brace.
  const head = JSON.stringify(document, null, 2).slice(0, -2);
  return `${head},\n  "items": [${itemCount === 0 ? '' : '\n'}`;
}

export const JSON_ITEM_SEPARATOR = ',\n';

export function renderJsonTail(itemCount: number): string {
  return itemCount === 0 ? ']\n}\n' : '\n  ]\n}\n';
}

/** One item, indented for its place in `items`; depends on the entry alone. */
export function renderJsonItem(entry: FeedEntry): string {
  const tags = [...new Set(entry.categories.map((category) => category.name))];
  const item = {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    ...(entry.summary === undefined ? {} : { summary: entry.summary }),
    // JSON Feed requires content_html or content_text on every item (section "Items"), even when empty.
    content_html: entry.contentHtml,
    ...(entry.image === undefined ? {} : { image: entry.image.url }),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    ...(entry.authors.length > 0 ? { authors: entry.authors.map(toAuthor) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(entry.language ? { language: entry.language } : {}),
  };
  // JSON.stringify escapes every line end inside strings, so each "\n" here is a line of the layout.
  return ITEM_INDENT + JSON.stringify(item, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`);
}

function toAuthor(person: FeedPerson): JsonFeedAuthor {
  return person.url ? { name: person.name, url: person.url } : { name: person.name };
}
