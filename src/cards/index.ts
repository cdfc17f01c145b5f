/** The public surface of src/cards: preview cards (fonts, templates, rendering, cache) and the guarded photo loader. */
export type { RenderedCard } from './card-cache.js';
export {
  type CardObserver,
  type CardService,
  type CardServiceDeps,
  type CardServiceLog,
  type CardServiceStats,
  type CardSource,
  createCardService,
  renderCardOnce,
} from './card-service.js';
export { FONTS_MANIFEST, type LoadedFonts, loadFonts } from './fonts.js';
// ── Photo loader (src/cards/image-loader.ts, written alongside) ──────────────────────────────────────────────────
export {
  createImageLoader,
  ImageLoadError,
  type ImageLoadErrorCode,
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageType,
  type LoadedImage,
} from './image-loader.js';
// ── Page meta tags and signed ad-hoc card URLs (src/cards/meta-tags.ts, signing.ts: the lead's) ───────────────────
export { type ArticleMeta, type ArticleMetaInput, buildArticleMeta, type MetaTag, ogLocale } from './meta-tags.js';
export { isOwnMediaUrl, MEDIA_DIR, MEDIA_TYPES, mediaFileOf, type OwnMedia } from './own-media.js';
export { createSharedCardCache, type SharedCardCache, type SharedCardCacheOptions } from './shared-cache.js';
export {
  AD_HOC_DISABLED_MESSAGE,
  CARD_QUERY_FIELDS,
  type CardQuery,
  type CardQueryField,
  canonicalCardQuery,
  type SignCardUrlOptions,
  signCardQuery,
  signCardUrl,
  verifyCardQuery,
} from './signing.js';
export {
  CARD_HEIGHT,
  CARD_WIDTH,
  type CardFormat,
  type CardSpec,
  type CardTemplate,
  type CardTheme,
  cardSpecForArticle,
  creditLine,
} from './spec.js';
// ── Text pre-pass: direction, language, script, bidi marks, break opportunities (src/cards/text) ─────────────────
export { type Direction, isLanguageTag, languageDirection, type PreparedText, prepareText } from './text/index.js';
export { cardVersion, TEMPLATE_VERSION } from './version.js';
