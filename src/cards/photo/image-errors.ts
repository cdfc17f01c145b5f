import { AppError, type ErrorCode } from '../../errors.js';

/** The IMAGE_ codes of ERRORS (src/errors.ts), which lists their statuses and meanings. */
export type ImageLoadErrorCode = Extract<ErrorCode, `IMAGE_${string}`>;

/** A photo that could not be loaded; `url` is the URL being fetched when it failed (after redirects). */
export class ImageLoadError extends AppError {
  declare readonly code: ImageLoadErrorCode;
  readonly url: string;

  constructor(code: ImageLoadErrorCode, message: string, options: { url: string; cause?: unknown }) {
    // A refused address names what a host resolves to: not something to hand to whoever submitted the URL
    // (it would map the internal network), so that message stays in the logs.
    super(code, message, {
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

/** What a socket error means to someone reading the log: the usual system codes, in words. */
const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed: no such host',
  EAI_AGAIN: 'DNS lookup failed: the resolver did not answer',
  EAI_FAIL: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the server',
};

/**
 * The cause of a failed load in a few words, without the URL (the log line names it once): "DNS lookup failed: no
 * such host", "did not arrive within 5000 ms (SYNDICARD_IMAGE_TIMEOUT_MS)", "answered 404 Not Found; expected 200".
 */
function shortImageCause(error: ImageLoadError): string {
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  if (error.code === 'IMAGE_UNREACHABLE' && cause?.code) {
    return NETWORK_CAUSES[cause.code] ?? `${cause.code}: ${cause.message.split('\n')[0]}`;
  }
  return error.message
    .replace(`image at ${error.url} `, '')
    .replace(`: ${error.url}`, '')
    .replace(/^could not be loaded: /, '');
}

/**
 * The one log line for a photo or logo that could not be had. Expected failures (anything the loader reports:
 * unreachable, DNS, timeout, refused address, not an image) are one short line with the URL and the cause, no stack;
 * anything else is a bug and keeps its stack.
 */
export function imageFailureLog(error: unknown, url: string, what: 'photo' | 'logo'): [object, string] {
  if (error instanceof ImageLoadError) {
    const redirected = error.url !== url ? ` (redirected to ${error.url})` : '';
    return [
      { code: error.code },
      `card ${what} ${url}${redirected} not loaded: ${shortImageCause(error)}; drawing the card without it`,
    ];
  }
  return [{ err: error, url }, `card ${what} could not be loaded; drawing the card without it`];
}
