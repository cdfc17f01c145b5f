import type { FeedModel } from '../model/index.js';
import type { XmlElement } from './xml.js';

/** RFC 5005 section 6 (the `fh` namespace of feed history); declared only on archive documents. */
export const FEED_HISTORY_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/**
 * The feed-level links after `rel="self"`: WebSub hubs (W3C WebSub section 4, "Discovery": `rel="hub"` beside
 * `rel="self"`), and RFC 5005 section 4's `current`,
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
