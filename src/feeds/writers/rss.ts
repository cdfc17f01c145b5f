import { DEFAULT_IMAGE_TYPE } from '../content/index.js';
import { type FeedEntry, type FeedModel, summaryHtml } from '../model/index.js';
import { FEED_HISTORY_NAMESPACE, feedLevelElements } from './feed-links.js';
import { MEDIA_RSS_NAMESPACE, mediaContentElement } from './media-rss.js';
import { cdataLine, emptyLine, INDENT, renderAttributes, renderXmlElement, textLine, XML_DECLARATION } from './xml.js';

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the modules readers look for: `content:encoded` for
 * the full text, `dc:creator` for bylines (RSS `author` must be an e-mail address), Media RSS for the picture and
 * `atom:link rel="self"` (RSS Best Practices Profile), each namespace declared on the root.
 */
const RSS_ROOT =
  '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
  ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="${MEDIA_RSS_NAMESPACE}"`;

const CHANNEL = INDENT;
const IN_CHANNEL = CHANNEL + INDENT;
const IN_ITEM = IN_CHANNEL + INDENT;

/** A document is the head, then each item (from `renderRssItem`, possibly cached), then the tail. */
export const RSS_TAIL = `${CHANNEL}</channel>\n</rss>`;

/** Everything before the first item: the declaration, the root with its namespaces and the channel's own elements. */
export function renderRssHead(model: FeedModel): string {
  // The feed-history namespace only on archive documents, so current feeds stay exactly as before.
  const history = model.isArchive ? ` xmlns:fh="${FEED_HISTORY_NAMESPACE}"` : '';
  let out = `${XML_DECLARATION}\n${RSS_ROOT}${history}>\n${CHANNEL}<channel>\n`;
  out += textLine(IN_CHANNEL, 'title', model.title);
  out += textLine(IN_CHANNEL, 'link', model.homeUrl);
  out += textLine(IN_CHANNEL, 'description', model.description);
  out += textLine(IN_CHANNEL, 'lastBuildDate', model.updated.toUTCString());
  out += textLine(IN_CHANNEL, 'docs', 'https://validator.w3.org/feed/docs/rss2.html');
  out += textLine(IN_CHANNEL, 'generator', model.generator);
  out += textLine(IN_CHANNEL, 'language', model.language);
  if (model.logo !== undefined) {
    out += `${IN_CHANNEL}<image>\n`;
    out += textLine(IN_ITEM, 'title', model.title);
    out += textLine(IN_ITEM, 'url', model.logo);
    out += textLine(IN_ITEM, 'link', model.homeUrl);
    out += `${IN_CHANNEL}</image>\n`;
  }
  if (model.copyright !== undefined) out += textLine(IN_CHANNEL, 'copyright', model.copyright);
  out += emptyLine(IN_CHANNEL, 'atom:link', { href: model.selfUrl, rel: 'self', type: 'application/rss+xml' });
  // WebSub hubs and RFC 5005 links right after rel="self" (RFC 5005 appendix B: as atom:link).
  for (const element of feedLevelElements(model, 'atom:link')) out += renderXmlElement(element, IN_CHANNEL);
  return out;
}

/** One `<item>`: depends on the entry alone, so the feed service renders it once per record version. */
export function renderRssItem(entry: FeedEntry): string {
  let out = `${IN_CHANNEL}<item>\n`;
  out += cdataLine(IN_ITEM, 'title', entry.title);
  out += textLine(IN_ITEM, 'link', entry.url);
  out += textLine(IN_ITEM, 'guid', entry.id, ' isPermaLink="false"');
  // RSS has one date: the first publication (pubDate), as readers sort by it.
  out += textLine(IN_ITEM, 'pubDate', entry.published.toUTCString());
  const summary = summaryHtml(entry);
  if (summary !== undefined) out += cdataLine(IN_ITEM, 'description', summary);
  if (entry.contentHtml) out += cdataLine(IN_ITEM, 'content:encoded', entry.contentHtml);
  for (const category of entry.categories) out += textLine(IN_ITEM, 'category', category.name);
  if (entry.image) {
    // RSS 2.0 requires `length`; 0 is the accepted "unknown".
    const type = entry.image.type ?? DEFAULT_IMAGE_TYPE;
    out += `${IN_ITEM}<enclosure${renderAttributes({ length: 0, type, url: entry.image.url })}/>\n`;
  }
  for (const author of entry.authors) out += textLine(IN_ITEM, 'dc:creator', author.name);
  if (entry.image) out += renderXmlElement(mediaContentElement(entry.image), IN_ITEM);
  return `${out}${IN_CHANNEL}</item>\n`;
}
