import type { FeedEntry, FeedModel, FeedPerson } from '../model/index.js';
import { FEED_HISTORY_NAMESPACE, feedLevelElements } from './feed-links.js';
import { MEDIA_RSS_NAMESPACE, mediaContentElement } from './media-rss.js';
import {
  cdataLine,
  emptyLine,
  escapeXmlAttribute,
  INDENT,
  renderXmlElement,
  textLine,
  XML_DECLARATION,
} from './xml.js';

/**
 * Atom 1.0 (RFC 4287): `xml:lang` on the root (section 2), the hero image as `link rel="enclosure"` with its real
 * media type (section 4.2.7.2) and as Media RSS with its credit, and `xml:lang` on each entry whose language
 * differs from the feed's (XML 1.0 section 2.12, which Atom's section 2 adopts: the entry's text is then read in its
 * own language). Headline and standfirst are plain text, so they are written `type="text"` (section 3.1.1.1).
 */

const IN_FEED = INDENT;
const IN_ENTRY = IN_FEED + INDENT;

/** A document is the head, then each entry (from `renderAtomEntry`, possibly cached), then the tail. */
export const ATOM_TAIL = '</feed>';

/** Everything before the first entry: the declaration, the root with its namespaces and the feed's own elements. */
export function renderAtomHead(model: FeedModel): string {
  const history = model.isArchive ? ` xmlns:fh="${FEED_HISTORY_NAMESPACE}"` : '';
  let out = `${XML_DECLARATION}\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="${MEDIA_RSS_NAMESPACE}"${history}`;
  out += ` xml:lang="${escapeXmlAttribute(model.language)}">\n`;
  // An archive page belongs to the same logical feed, so it keeps the subscription feed's id (RFC 5005 section 4).
  out += textLine(IN_FEED, 'id', model.currentUrl);
  out += textLine(IN_FEED, 'title', model.title);
  out += textLine(IN_FEED, 'updated', model.updated.toISOString());
  out += textLine(IN_FEED, 'generator', model.generator);
  out += renderPerson(IN_FEED, model.author);
  out += emptyLine(IN_FEED, 'link', { rel: 'alternate', href: model.homeUrl });
  out += emptyLine(IN_FEED, 'link', { rel: 'self', href: model.selfUrl });
  // WebSub hubs (W3C WebSub section 4) and RFC 5005 links right after rel="self".
  for (const element of feedLevelElements(model, 'link')) out += renderXmlElement(element, IN_FEED);
  out += textLine(IN_FEED, 'subtitle', model.description);
  if (model.logo !== undefined) out += textLine(IN_FEED, 'logo', model.logo);
  if (model.icon !== undefined) out += textLine(IN_FEED, 'icon', model.icon);
  if (model.copyright !== undefined) out += textLine(IN_FEED, 'rights', model.copyright);
  return out;
}

/**
 * One `<entry>`: depends on the entry and the feed's language (fixed for a feed service), so the feed service
 * renders it once per record version.
 */
export function renderAtomEntry(entry: FeedEntry, feedLanguage: string): string {
  const ownLanguage = entry.language && entry.language.toLowerCase() !== feedLanguage.toLowerCase();
  let out = `${IN_FEED}<entry${ownLanguage ? ` xml:lang="${escapeXmlAttribute(entry.language!)}"` : ''}>\n`;
  out += textLine(IN_ENTRY, 'title', entry.title, ' type="text"');
  out += textLine(IN_ENTRY, 'id', new URL(entry.id).href);
  out += emptyLine(IN_ENTRY, 'link', { href: entry.url });
  out += textLine(IN_ENTRY, 'updated', entry.updated.toISOString());
  if (entry.summary !== undefined) out += textLine(IN_ENTRY, 'summary', entry.summary, ' type="text"');
  out += cdataLine(IN_ENTRY, 'content', entry.contentHtml, ' type="html"');
  for (const author of entry.authors) out += renderPerson(IN_ENTRY, author);
  for (const category of entry.categories) {
    out += emptyLine(IN_ENTRY, 'category', {
      label: category.name,
      scheme: new URL(category.scheme).href,
      term: category.term,
    });
  }
  out += textLine(IN_ENTRY, 'published', entry.published.toISOString());
  const image = entry.image;
  if (image) {
    out += emptyLine(IN_ENTRY, 'link', { rel: 'enclosure', href: image.url, type: image.type });
    out += renderXmlElement(mediaContentElement(image), IN_ENTRY);
  }
  return `${out}${IN_FEED}</entry>\n`;
}

/** Atom person construct (RFC 4287 section 3.2): name, then e-mail and URI when known. */
function renderPerson(indent: string, person: FeedPerson): string {
  let out = `${indent}<author>\n`;
  const inner = indent + INDENT;
  out += textLine(inner, 'name', person.name);
  if (person.email) out += textLine(inner, 'email', person.email);
  if (person.url) out += textLine(inner, 'uri', person.url);
  return `${out}${indent}</author>\n`;
}
