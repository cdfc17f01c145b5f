import { AppError } from '../errors.js';

export type ImageLoadErrorCode =
  | 'IMAGE_URL_INVALID'
  | 'IMAGE_ADDRESS_BLOCKED'
  | 'IMAGE_TIMEOUT'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_NOT_AN_IMAGE'
  | 'IMAGE_HTTP_STATUS'
  | 'IMAGE_UNREACHABLE'
  | 'IMAGE_TOO_MANY_REDIRECTS';

/**
 * 422 when the URL, or what it points at, breaks our rules (retrying cannot help: the record must change);
 * 502 when the remote server failed us, 504 when it was too slow (both may pass on a retry).
 */
const STATUS: Record<ImageLoadErrorCode, number> = {
  IMAGE_URL_INVALID: 422,
  IMAGE_ADDRESS_BLOCKED: 422,
  IMAGE_TOO_LARGE: 422,
  IMAGE_NOT_AN_IMAGE: 422,
  IMAGE_HTTP_STATUS: 502,
  IMAGE_UNREACHABLE: 502,
  IMAGE_TOO_MANY_REDIRECTS: 502,
  IMAGE_TIMEOUT: 504,
};

/** A photo that could not be loaded; `url` is the URL being fetched when it failed (after redirects). */
export class ImageLoadError extends AppError {
  declare readonly code: ImageLoadErrorCode;
  readonly url: string;

  constructor(code: ImageLoadErrorCode, message: string, options: { url: string; cause?: unknown }) {
    // A refused address names what a host resolves to: not something to hand to whoever submitted the URL
    // (it would map the internal network), so that message stays in the logs.
    super(code, message, {
      status: STATUS[code],
      cause: options.cause,
      expose: code === 'IMAGE_ADDRESS_BLOCKED' ? false : undefined,
    });
    this.url = options.url;
  }
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  linkLocal: 'a link-local',
  loopback: 'a loopback',
  carrierGradeNat: 'a carrier-grade NAT',
  private: 'a private',
  reserved: 'a reserved',
  uniqueLocal: 'a unique-local',
  invalid: 'an invalid',
};

/** `loopback` → `a loopback address`, for messages. */
export function describeRange(range: string): string {
  return `${RANGE_NAMES[range] ?? `a special-purpose (${range})`} address`;
}
