/**
 * Photo stage: fetching photos and logos behind the address guard, the site's own media, cropping and the scrim,
 * all behind one asset resolver that owns what the main process knows of each URL.
 */
export { type AssetKind, type AssetRef, type AssetResolver, createAssetResolver } from './asset-resolver.js';
export { ImageLoadError, type ImageLoadErrorCode } from './image-errors.js';
export {
  createImageLoader,
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageType,
  type LoadedImage,
} from './image-loader.js';
export { isOwnMediaUrl, MEDIA_DIR, MEDIA_TYPES, mediaFileOf, type OwnMedia } from './own-media.js';
