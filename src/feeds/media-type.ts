/**
 * The real media type of an image from its URL's file extension. `feed` writes `image/<extension>`, which gives
 * `image/jpg` (not a registered type) and `image/` for a URL without one; readers that check the type then drop
 * the image. Types from the IANA media type registry.
 */
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  apng: 'image/apng',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  jxl: 'image/jxl',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  ico: 'image/vnd.microsoft.icon',
};

/** RSS 2.0 requires a type on `<enclosure>`; when the URL does not tell, we say so honestly. */
export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/** The image's media type, or undefined when its URL has no known image extension. */
export function imageMediaType(url: string): string | undefined {
  const { pathname } = new URL(url);
  const match = /\.([A-Za-z0-9]+)$/.exec(pathname);
  return match ? IMAGE_TYPES[match[1]!.toLowerCase()] : undefined;
}
