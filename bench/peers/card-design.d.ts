import type { Article, Site } from '../../src/articles/index.js';
import { type CardSpec } from '../../src/cards/index.js';
import type { CardElement } from '../../src/cards/templates/index.js';
/**
 * syndicard's two card designs for the peers, so every subject draws the same picture: for @vercel/og the same
 * satori elements (one layout at a fixed headline size: the peers do not search for the size that fits, which
 * syndicard does with 2–3 extra headline layouts per card), with the photo and the scrim drawn by the rasteriser
 * on every card as a @vercel/og user would; for Chromium the same boxes as HTML and CSS.
 */
export type PeerTemplate = 'photo' | 'plain';
export declare function peerSpec(article: Article, site: Site, template: PeerTemplate): CardSpec;
/** The satori element @vercel/og renders; `photoSrc` is the photo as a data: URI (loaded once, outside the timing). */
export declare function ogElement(spec: CardSpec, template: PeerTemplate, fontFamily: string, photoSrc: string): CardElement;
/** The same card as an HTML document for Chromium; fonts and photo come from the asset server (browser-cached). */
export declare function cardHtml(spec: CardSpec, template: PeerTemplate, assetOrigin: string): string;
