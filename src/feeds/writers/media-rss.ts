import type { FeedImage } from '../model/index.js';
import type { XmlElement } from './xml.js';

/** Media RSS 1.5.1, https://www.rssboard.org/media-rss: how readers find an item's picture and its credit. */
export const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/';

/**
 * `<media:content>` for the hero image with `media:description` and `media:credit` inside it (the spec allows
 * both "as sub-elements of media:content").
 */
export function mediaContentElement(image: FeedImage): XmlElement {
  const children: XmlElement[] = [];
  if (image.description !== undefined) {
    children.push({ name: 'media:description', attributes: { type: 'plain' }, text: image.description });
  }
  if (image.credit !== undefined) children.push({ name: 'media:credit', text: image.credit });
  return {
    name: 'media:content',
    attributes: { url: image.url, medium: 'image', type: image.type, width: image.width, height: image.height },
    children,
  };
}
