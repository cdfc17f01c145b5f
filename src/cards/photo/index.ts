/** Photo stage: fetching photos and logos behind the address guard, the site's own media, cropping and the scrim. */
export { ImageLoadError, type ImageLoadErrorCode, imageFailureLog } from './image-errors.js';
export {
  createImageLoader,
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageType,
  type LoadedImage,
} from './image-loader.js';
export { isOwnMediaUrl, MEDIA_DIR, MEDIA_TYPES, mediaFileOf, type OwnMedia } from './own-media.js';
export { createPhotoProcessor } from './photo-processor.js';
export { createPhotoRetry } from './photo-retry.js';
