import type { FeedModel } from './model.js';
import { renderXmlElement, type XmlElement } from './xml-element.js';

/** RFC 5005 section 6 (the `fh` namespace of feed history); declared only on archive documents. */
export const FEED_HISTORY_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/**
 * The feed-level links that `feed` cannot write (it takes one hub at most): WebSub hubs (W3C WebSub section 4,
 * "Discovery": `rel="hub"` beside the `rel="self"` that `feed` writes), and RFC 5005 section 4's `current`,
 * `prev-archive` and `next-archive`, plus the `fh:archive` marker that makes a document an archive document.
 * RSS 2.0 carries them as `atom:link` (RFC 5005 appendix B).
 */
export function feedLevelElements(model: FeedModel, linkName: 'link' | 'atom:link'): XmlElement[] {
  const links: Array<[string, string | undefined]> = [
    ...model.hubs.map((href): [string, string] => ['hub', href]),
    ['current', model.isArchive ? model.currentUrl : undefined],
    ['prev-archive', model.prevArchiveUrl],
    ['next-archive', model.nextArchiveUrl],
  ];
  const elements = links
    .filter((link): link is [string, string] => link[1] !== undefined)
    .map(([rel, href]): XmlElement => ({ name: linkName, attributes: { rel, href } }));
  if (model.isArchive) elements.push({ name: 'fh:archive' });
  return elements;
}

/**
 * Puts `elements` on their own lines right after the feed's `rel="self"` link, at its indentation. Called before the
 * slots are filled, when the document holds only `feed`'s markup, so the first `rel="self"` is the feed's own.
 */
export function insertAfterSelfLink(xml: string, elements: readonly XmlElement[]): string {
  if (elements.length === 0) return xml;
  const at = xml.indexOf('rel="self"');
  const lineEnd = at < 0 ? -1 : xml.indexOf('\n', at);
  if (lineEnd < 0) throw new Error('cannot find the rel="self" link in the feed XML');
  const lineStart = xml.lastIndexOf('\n', at) + 1;
  const indent = /^\s*/.exec(xml.slice(lineStart, at))![0];
  const inserted = elements.map((element) => `\n${renderXmlElement(element, indent)}`).join('');
  return `${xml.slice(0, lineEnd)}${inserted}${xml.slice(lineEnd)}`;
}
