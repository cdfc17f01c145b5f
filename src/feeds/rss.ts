import { Feed } from 'feed';
import { FEED_HISTORY_NAMESPACE, feedLevelElements, insertAfterSelfLink } from './feed-links.js';
import { MEDIA_RSS_NAMESPACE, mediaContentElement } from './media-rss.js';
import { DEFAULT_IMAGE_TYPE } from './media-type.js';
import { type FeedModel, summaryHtml } from './model.js';
import { appendChildren, type XmlElement } from './xml-element.js';
import { createXmlSlots } from './xml-slots.js';

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the modules readers look for: `content:encoded` for
 * the full text, `dc:creator` for bylines (RSS `author` must be an e-mail address), Media RSS for the picture and
 * `atom:link rel="self"` (RSS Best Practices Profile). `feed` declares no namespaces for the last three, so the
 * root element is rewritten with all of them.
 */
const RSS_ROOT =
  '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
  ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="${MEDIA_RSS_NAMESPACE}"`;

export function renderRss(model: FeedModel): string {
  const slots = createXmlSlots();
  const slot = (value: string | undefined) => (value === undefined ? undefined : slots.slot(value));
  const feed = new Feed({
    id: model.currentUrl,
    title: slots.slot(model.title),
    link: model.homeUrl,
    description: slots.slot(model.description),
    language: slots.slot(model.language),
    copyright: slot(model.copyright),
    image: slot(model.logo),
    // Pinned: `feed` would write the time of rendering.
    updated: model.updated,
    generator: slots.slot(model.generator),
    feedLinks: { rss: model.selfUrl },
  });

  const extras: Array<{ anchor: string; children: XmlElement[] }> = [];
  for (const entry of model.entries) {
    const title = slots.slot(entry.title);
    feed.addItem({
      title,
      guid: entry.id,
      link: entry.url,
      // `feed` writes `published` as pubDate when given; `date` is the fallback it needs.
      date: entry.updated,
      published: entry.published,
      description: slot(summaryHtml(entry)),
      content: entry.contentHtml ? slots.slot(entry.contentHtml) : undefined,
      category: entry.categories.map((category) => ({ name: slots.slot(category.name) })),
      // Our type wins over the one `feed` guesses from the extension (its enclosure is spread last). RSS 2.0
      // requires `length`; 0 is the accepted "unknown".
      enclosure: entry.image && { url: entry.image.url, type: entry.image.type ?? DEFAULT_IMAGE_TYPE, length: 0 },
    });
    extras.push({
      anchor: title,
      children: [
        ...entry.authors.map((author): XmlElement => ({ name: 'dc:creator', text: author.name })),
        ...(entry.image ? [mediaContentElement(entry.image)] : []),
      ],
    });
  }

  // The feed-history namespace only on archive documents, so current feeds stay exactly as before.
  const root = `${RSS_ROOT}${model.isArchive ? ` xmlns:fh="${FEED_HISTORY_NAMESPACE}"` : ''}>`;
  let xml = feed.rss2().replace(/<rss [^>]*>/, () => root);
  xml = insertAfterSelfLink(xml, feedLevelElements(model, 'atom:link'));
  xml = appendChildren(xml, '</item>', extras);
  return slots.fill(xml);
}
