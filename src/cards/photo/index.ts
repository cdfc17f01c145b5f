/** Photo stage: fetching photos and logos behind the address guard, the site's own media, cropping and the scrim. */
export {
  describeRange,
  ImageLoadError,
  type ImageLoadErrorCode,
  imageFailureLog,
  shortImageCause,
} from './image-errors.js';
export {
  createImageLoader,
  type ImageLoader,
  type ImageLoaderOptions,
  type ImageType,
  type LoadedImage,
} from './image-loader.js';
export { isOwnMediaUrl, MEDIA_DIR, MEDIA_TYPES, mediaFileOf, type OwnMedia } from './own-media.js';
export {
  createPhotoProcessor,
  type PhotoProcessor,
  type ProcessedLogo,
  type ProcessedPhoto,
} from './photo-processor.js';
export { createPhotoRetry, type PhotoFailure, type PhotoRetry } from './photo-retry.js';
