/**
 * The public surface of src/cards: preview cards and the guarded photo loader. The pipeline, one folder a stage:
 * text/ (direction, language, breaks) → fonts/ → templates/ (fitting, layout) → photo/ (fetch, guard, crop) →
 * render/ (worker pool, satori + resvg) → cache/ (memory, disk, Redis); card-service.ts runs it, spec.ts and
 * version.ts name a card, signing.ts signs ad-hoc card URLs.
 */
export {
  createSharedCardCache,
  type RenderedCard,
  type SharedCardCache,
  type SharedCardCacheOptions,
} from './cache/index.js';
export {
  type CardObserver,
  type CardService,
  type CardServiceDeps,
  type CardServiceLog,
  type CardServiceStats,
  type CardSource,
  createCardService,
} from './card-service.js';
export { FONTS_MANIFEST, type LoadedFonts, loadFonts } from './fonts/index.js';
export {
  createImageLoader,
  ImageLoadError,
  type ImageLoadErrorCode,
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageType,
  isOwnMediaUrl,
  type LoadedImage,
  MEDIA_DIR,
  MEDIA_TYPES,
  mediaFileOf,
  type OwnMedia,
} from './photo/index.js';
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
  CONTENT_TYPES,
  cardSpecForArticle,
  creditLine,
} from './spec.js';
// ── Text pre-pass: direction, language, script, bidi marks, break opportunities (src/cards/text) ─────────────────
export { type Direction, isLanguageTag, languageDirection, type PreparedText, prepareText } from './text/index.js';
export { cardVersion, TEMPLATE_VERSION } from './version.js';
