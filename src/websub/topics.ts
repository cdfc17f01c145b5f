import { type Article, type Scope, slugOf } from '../articles/index.js';
import { FEED_FORMATS, feedPath } from '../feeds/index.js';

/**
 * Every feed an article appears in, as the topic URLs hubs know them: exactly the `rel="self"` URL each feed
 * advertises (site-wide, its section, each author, each tag; RSS, Atom and JSON Feed).
 */
export function feedTopics(article: Article, baseUrl: string): string[] {
  const scopes: Array<Scope | undefined> = [undefined];
  const add = (kind: Scope['kind'], name: string) => {
    const slug = slugOf(name);
    if (slug) scopes.push({ kind, slug });
  };
  if (article.section) add('section', article.section);
  for (const author of article.authors) add('author', author.name);
  for (const tag of article.tags) add('tag', tag);
  const topics = new Set<string>();
  for (const scope of scopes) {
    for (const format of FEED_FORMATS) topics.add(new URL(`${baseUrl}${feedPath(format, scope)}`).href);
  }
  return [...topics];
}
