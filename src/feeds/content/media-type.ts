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

/**
 * The type announced for a photo whose URL has no known extension (CDN and CMS image URLs such as
 * `/image/12345?w=1600` often have none). RSS 2.0 requires a type on `<enclosure>`, and readers that see
 * `application/octet-stream` do not show it as a picture. The feed is built from the record alone (the bytes are
 * only fetched, and sniffed, by the card renderer), so the type is not known; JPEG is what news photos almost
 * always are, and readers that fetch the picture go by the bytes they get anyway.
 */
export const DEFAULT_IMAGE_TYPE = 'image/jpeg';

/** The image's media type, or undefined when its URL has no known image extension. */
export function imageMediaType(url: string): string | undefined {
  const { pathname } = new URL(url);
  const match = /\.([A-Za-z0-9]+)$/.exec(pathname);
  return match ? IMAGE_TYPES[match[1]!.toLowerCase()] : undefined;
}
