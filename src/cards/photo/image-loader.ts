import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { errorMessage } from '../../errors.js';
import { createAddressPolicy } from './address-policy.js';
import { ImageLoadError } from './image-errors.js';
import { requestImage } from './image-request.js';
import { isOwnMediaUrl, mediaFileOf, type OwnMedia } from './own-media.js';

export { ImageLoadError, type ImageLoadErrorCode } from './image-errors.js';

/**
 * Fetches card photos ourselves, never through satori (which has no timeout, no size cap and no host policy):
 * http(s) only, every address connected to checked against the policy (redirects included), one deadline for
 * the whole load, a byte cap, and the type taken from the bytes, not from Content-Type.
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export interface LoadedImage {
  /** The final URL, after redirects. */
  url: string;
  bytes: Buffer;
  type: ImageType;
  mime: string;
  /** Hex SHA-256 of `bytes`, for cache keys. */
  sha256: string;
}

export interface ImageLoaderOptions {
  /** SYNDICARD_IMAGE_ALLOW: hostnames, IPs and CIDR ranges that may be reached although they are not public. */
  allow: readonly string[];
  /** SYNDICARD_IMAGE_TIMEOUT_MS: for the whole load, redirects and body included. */
  timeoutMs: number;
  /** SYNDICARD_IMAGE_MAX_BYTES. */
  maxBytes: number;
  /** Redirects followed before giving up; 5 by default. */
  maxRedirects?: number;
  userAgent?: string;
  /**
   * The service's own bundled media: URLs under `/media/` on these origins are read from `dir`, never fetched (the
   * service would only be asking itself, and loopback addresses stay refused for everything else).
   */
  ownMedia?: OwnMedia;
}

export interface ImageLoader {
  /** Rejects with ImageLoadError, or with `signal.reason` when the caller aborts. */
  load(url: string, signal?: AbortSignal): Promise<LoadedImage>;
}

/** file-type's extension → our type. APNG is a PNG by design (decoders that ignore its chunks show its first frame). */
const IMAGE_TYPES: Record<string, ImageType> = {
  jpg: 'jpeg',
  png: 'png',
  apng: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createImageLoader(options: ImageLoaderOptions): ImageLoader {
  const policy = createAddressPolicy(options.allow);
  const maxRedirects = options.maxRedirects ?? 5;
  const headers = {
    'user-agent': options.userAgent ?? defaultUserAgent(),
    accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
    'accept-encoding': 'identity',
  };
  // Our own agents: no socket is ever shared with code that connects without the policy.
  const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

  return {
    async load(input, signal) {
      signal?.throwIfAborted();
      let url = parseImageUrl(input);
      if (isOwnMediaUrl(url, options.ownMedia)) return await loadOwnMedia(url, options.ownMedia!, options.maxBytes);
      const deadline = new AbortController();
      const timer = setTimeout(() => {
        const message = `image at ${url.href} did not arrive within ${options.timeoutMs} ms (SYNDICARD_IMAGE_TIMEOUT_MS)`;
        deadline.abort(new ImageLoadError('IMAGE_TIMEOUT', message, { url: url.href }));
      }, options.timeoutMs);
      const aborted = signal === undefined ? deadline.signal : AbortSignal.any([signal, deadline.signal]);
      try {
        for (let redirects = 0; ; redirects++) {
          const response = await requestImage(url, { policy, signal: aborted, headers, agents });
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (REDIRECT_STATUSES.has(status) && location !== undefined) {
            response.destroy(); // its body is not wanted, and may never end
            if (redirects >= maxRedirects) {
              const message = `image at ${input} redirected more than ${maxRedirects} times (last from ${url.href} to ${location})`;
              throw new ImageLoadError('IMAGE_TOO_MANY_REDIRECTS', message, { url: url.href });
            }
            url = parseImageUrl(location, url);
            continue;
          }
          if (status < 200 || status > 299) {
            response.destroy();
            const text = response.statusMessage ? ` ${response.statusMessage}` : '';
            const message = `image at ${url.href} answered ${status}${text}; expected 200`;
            throw new ImageLoadError('IMAGE_HTTP_STATUS', message, { url: url.href });
          }
          const bytes = await readBody(response, url, options.maxBytes);
          return await identifyImage(bytes, url, response.headers['content-type']);
        }
      } catch (error) {
        if (error instanceof ImageLoadError) throw error;
        if (aborted.aborted) throw aborted.reason; // our deadline (IMAGE_TIMEOUT) or the caller's own reason
        const reason = errorMessage(error);
        throw new ImageLoadError('IMAGE_UNREACHABLE', `image at ${url.href} could not be loaded: ${reason}`, {
          url: url.href,
          cause: error,
        });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** One of the service's own media files, from disk: a name outside the bundle is answered like a 404. */
async function loadOwnMedia(url: URL, own: OwnMedia, maxBytes: number): Promise<LoadedImage> {
  const file = mediaFileOf(url.pathname);
  const missing = () =>
    new ImageLoadError('IMAGE_HTTP_STATUS', `image at ${url.href} answered 404: not one of the bundled media files`, {
      url: url.href,
    });
  if (file === undefined) throw missing();
  let bytes: Buffer;
  try {
    bytes = await readFile(join(own.dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
    throw error;
  }
  if (bytes.length > maxBytes) {
    const message = `image at ${url.href} is over ${maxBytes} bytes (SYNDICARD_IMAGE_MAX_BYTES)`;
    throw new ImageLoadError('IMAGE_TOO_LARGE', message, { url: url.href });
  }
  return identifyImage(bytes, url, undefined);
}

/** An absolute http(s) URL, or a redirect's Location resolved against the URL that sent it (RFC 9110 §10.2.2). */
function parseImageUrl(input: string, base?: URL): URL {
  const where = base === undefined ? `image URL "${input}"` : `image at ${base.href} redirected to "${input}", which`;
  let url: URL;
  try {
    url = new URL(input, base);
  } catch (error) {
    throw new ImageLoadError('IMAGE_URL_INVALID', `${where} is not a valid absolute URL`, {
      url: input,
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = `${where} must use http: or https:, got ${url.protocol}`;
    throw new ImageLoadError('IMAGE_URL_INVALID', message, { url: url.href });
  }
  return url;
}

/** The body, refused as soon as Content-Length or the bytes received pass the cap. */
async function readBody(response: IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const tooLarge = (detail: string) =>
    new ImageLoadError(
      'IMAGE_TOO_LARGE',
      `image at ${url.href} is over ${maxBytes} bytes (SYNDICARD_IMAGE_MAX_BYTES)${detail}`,
      { url: url.href },
    );
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    throw tooLarge(`: its Content-Length is ${declared}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      throw tooLarge('');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

async function identifyImage(bytes: Buffer, url: URL, contentType: string | undefined): Promise<LoadedImage> {
  // Loaded with the first image: a text card never needs it, and loading it cost every start ~40 ms (issue 11).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected === undefined ? undefined : IMAGE_TYPES[detected.ext];
  if (detected === undefined || type === undefined) {
    const got = bytes.length === 0 ? 'an empty body' : detected === undefined ? 'unrecognised bytes' : detected.mime;
    const message = `image at ${url.href} is not a JPEG, PNG, WebP, GIF or AVIF image: got ${got} (Content-Type ${contentType ?? 'missing'})`;
    throw new ImageLoadError('IMAGE_NOT_AN_IMAGE', message, { url: url.href });
  }
  return {
    url: url.href,
    bytes,
    type,
    mime: `image/${type}`,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** `syndicard/<version>`; package.json sits two levels up from both src/cards and dist/cards. */
function defaultUserAgent(): string {
  const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };
  return `syndicard/${version} (+https://github.com/syndicard)`;
}
