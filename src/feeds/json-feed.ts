import { Feed } from 'feed';
import type { FeedEntry, FeedModel, FeedPerson } from './model.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). `feed` writes version 1 with the singular `author`
 * that 1.1 deprecates; we take its items and write the 1.1 document: `authors` arrays, `language`, `favicon`.
 * Keys are written in a fixed order so equal inputs give equal bytes.
 */

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonFeedAuthor {
  name: string;
  url?: string;
}

interface Json1Item {
  id: string;
  url?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
}

export function renderJsonFeed(model: FeedModel): string {
  const feed = new Feed({
    id: model.selfUrl,
    title: model.title,
    link: model.homeUrl,
    feedLinks: { json: model.selfUrl },
    description: model.description,
    image: model.logo,
    updated: model.updated,
  });
  for (const entry of model.entries) {
    feed.addItem({
      title: entry.title,
      id: entry.id,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: entry.summary,
      content: entry.contentHtml,
      image: entry.image?.url,
    });
  }
  const version1 = JSON.parse(feed.json1()) as { items: Json1Item[] };

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
    items: model.entries.map((entry, index) => toItem(entry, version1.items[index]!)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function toItem(entry: FeedEntry, item: Json1Item) {
  const tags = [...new Set(entry.categories.map((category) => category.name))];
  return {
    id: item.id,
    url: item.url,
    title: entry.title,
    ...(entry.summary === undefined ? {} : { summary: entry.summary }),
    // JSON Feed requires content_html or content_text on every item (section "Items"), even when empty.
    content_html: entry.contentHtml,
    ...(item.image === undefined ? {} : { image: item.image }),
    date_published: item.date_published,
    date_modified: item.date_modified,
    ...(entry.authors.length > 0 ? { authors: entry.authors.map(toAuthor) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(entry.language ? { language: entry.language } : {}),
  };
}

function toAuthor(person: FeedPerson): JsonFeedAuthor {
  return person.url ? { name: person.name, url: person.url } : { name: person.name };
}
