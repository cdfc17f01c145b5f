import { Feed } from 'feed';
import { FEED_HISTORY_NAMESPACE, feedLevelElements, insertAfterSelfLink } from './feed-links.js';
import { MEDIA_RSS_NAMESPACE, mediaContentElement } from './media-rss.js';
import type { FeedModel } from './model.js';
import { addOpeningTagAttributes, appendChildren, type XmlElement } from './xml-element.js';
import { createXmlSlots, escapeXmlAttribute } from './xml-slots.js';

/**
 * Atom 1.0 (RFC 4287). Added to what `feed` writes: `xml:lang` on the root (section 2), the hero image as
 * `link rel="enclosure"` with its real media type (section 4.2.7.2; `feed` guesses `image/jpg`) and as Media RSS
 * with its credit, and `xml:lang` on each entry whose language differs from the feed's (XML 1.0 section 2.12, which
 * Atom's section 2 adopts: the entry's text is then read in its own language). Headline and standfirst are plain
 * text, so they are written `type="text"` (section 3.1.1.1).
 */
export function renderAtom(model: FeedModel): string {
  const slots = createXmlSlots();
  const slot = (value: string | undefined) => (value === undefined ? undefined : slots.slot(value));
  const feed = new Feed({
    // An archive page belongs to the same logical feed, so it keeps the subscription feed's id (RFC 5005 section 4).
    id: slots.slot(model.currentUrl),
    title: slots.slot(model.title),
    link: model.homeUrl,
    feedLinks: { atom: model.selfUrl },
    description: slots.slot(model.description),
    copyright: slot(model.copyright),
    image: slot(model.logo),
    favicon: slot(model.icon),
    // Pinned: `feed` would write the time of rendering.
    updated: model.updated,
    generator: slots.slot(model.generator),
    author: { name: slots.slot(model.author.name), link: model.author.url },
  });

  const extras: Array<{ anchor: string; children: XmlElement[] }> = [];
  const languages: Array<{ anchor: string; attributes: Record<string, string | undefined> }> = [];
  for (const entry of model.entries) {
    const title = slots.slot(entry.title, { plainText: true });
    feed.addItem({
      title,
      id: entry.id,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: entry.summary === undefined ? undefined : slots.slot(entry.summary, { plainText: true }),
      content: slots.slot(entry.contentHtml),
      author: entry.authors.map((author) => ({
        name: slots.slot(author.name),
        email: slot(author.email),
        link: author.url,
      })),
      category: entry.categories.map((category) => ({
        term: slots.slot(category.term),
        name: slots.slot(category.name),
        scheme: category.scheme,
      })),
    });
    if (entry.language && entry.language.toLowerCase() !== model.language.toLowerCase()) {
      languages.push({ anchor: title, attributes: { 'xml:lang': entry.language } });
    }
    const image = entry.image;
    extras.push({
      anchor: title,
      children: image
        ? [
            { name: 'link', attributes: { rel: 'enclosure', href: image.url, type: image.type } },
            mediaContentElement(image),
          ]
        : [],
    });
  }

  const history = model.isArchive ? ` xmlns:fh="${FEED_HISTORY_NAMESPACE}"` : '';
  const root = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="${MEDIA_RSS_NAMESPACE}"${history} xml:lang="${escapeXmlAttribute(model.language)}">`;
  let xml = feed.atom1().replace(/<feed [^>]*>/, () => root);
  xml = insertAfterSelfLink(xml, feedLevelElements(model, 'link'));
  xml = appendChildren(xml, '</entry>', extras);
  xml = addOpeningTagAttributes(xml, '<entry>', languages);
  return slots.fill(xml);
}
