/**
 * Writers stage: the model written as RSS 2.0, Atom 1.0 or JSON Feed 1.1, each as a head, one fragment per entry
 * (rendered once per record version) and a tail, which build-feed.ts joins into a document.
 */
export { ATOM_TAIL, renderAtomEntry, renderAtomHead } from './atom.js';
export { JSON_ITEM_SEPARATOR, renderJsonHead, renderJsonItem, renderJsonTail } from './json-feed.js';
export { RSS_TAIL, renderRssHead, renderRssItem } from './rss.js';
