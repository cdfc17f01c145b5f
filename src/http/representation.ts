import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';
import { isNotModified as notModified } from './conditional.js';
import type { FastPath } from './fast-path.js';

/**
 * Serving prepared bytes the way feed readers and scrapers poll them: strong ETag, Last-Modified, 304 on a matching
 * If-None-Match (RFC 9110 §13.1.2; If-Modified-Since is ignored when If-None-Match is present, §13.1.3), and gzip or
 * brotli encodings computed once per ETag and cached, so a poll costs a lookup and a write.
 */
export interface Representation {
  body: Buffer | PartedBody;
  contentType: string;
  /** Strong, quoted: `"abc"`. Compressed variants get a suffix inside the quotes, as RFC 9110 §8.8.3 asks. */
  etag: string;
  lastModified?: Date;
  cacheControl: string;
  /** Compress text formats; images are already compressed. */
  compressible?: boolean;
  /** Headers of the route's own, sent first (a feed's WebSub Link, a card's X-Card-Template). */
  headers?: ReadonlyArray<readonly [string, string]>;
}

/**
 * A representation that depends on nothing but the store's content at `revision` (read before the content was
 * fetched) and the request's conditional and Accept-Encoding headers: the fast path may answer its URL while the
 * store stays at that revision (fast-path.ts).
 */
export interface Settled {
  revision: number;
}

/**
 * A body kept as the buffers it was assembled from, in order: a feed document (src/feeds/feed-body.ts), which no
 * rebuild copies into one buffer. Compression copies the parts into a kept scratch buffer; `joined` is asked for
 * only to send the identity coding.
 */
export interface PartedBody {
  readonly parts: readonly Buffer[];
  readonly length: number;
  readonly joined: Buffer;
}

type Coding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const MIN_COMPRESS_BYTES = 512;
/**
 * Scratch buffers kept for compressing parted bodies, and the largest kept. zlib's one-shot functions take one
 * buffer; streaming the ~50 parts of a feed instead took 1–2 ms longer per encode (a thread-pool trip per part), and
 * joining them into a fresh 250 KB buffer cost up to 0.9 ms of page faults on this VM, where a buffer that is kept
 * (its pages already mapped) takes the 0.02 ms copy only.
 */
const MAX_SCRATCH_BUFFERS = 2;
const MAX_SCRATCH_BYTES = 16 * 1_048_576;
const scratch: Buffer[] = [];
const MAX_REMEMBERED_HEADERS = 256;

export interface RepresentationSender {
  send(ctx: Context, rep: Representation, settled?: Settled): Promise<void>;
  /** The store's revision now, to pass as `settled.revision` with what is fetched after it. */
  revision(): Promise<number>;
}

export function createRepresentationSender(
  options: { fastPath?: FastPath; maxBytes?: number } = {},
): RepresentationSender {
  const { fastPath, maxBytes = 64 * 1_048_576 } = options;
  const encoded = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (buf) => Math.max(1, buf.length),
  });
  // Negotiation (RFC 9110 §12.5.3) by Koa's negotiator, remembered per Accept-Encoding value: clients send a
  // handful of distinct values, and parsing the header again on every poll was a visible share of a 304's cost.
  const codingByHeader = new Map<string, Coding | undefined>();

  function pickCoding(ctx: Context): Coding | undefined {
    const header = ctx.get('accept-encoding');
    if (codingByHeader.has(header)) return codingByHeader.get(header);
    const choice = ctx.acceptsEncodings('br', 'gzip', 'identity');
    const coding = choice === 'br' || choice === 'gzip' ? choice : undefined;
    if (codingByHeader.size >= MAX_REMEMBERED_HEADERS) codingByHeader.clear();
    codingByHeader.set(header, coding);
    return coding;
  }

  async function encode(rep: Representation, coding: Coding): Promise<Buffer> {
    const key = `${rep.etag}\u0000${coding}`;
    const hit = encoded.get(key);
    if (hit) return hit;
    const bytes = await withContiguous(rep.body, (input) =>
      coding === 'br'
        ? brotli(input, {
            params: {
              [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
              [zlibConstants.BROTLI_PARAM_SIZE_HINT]: input.length,
            },
          })
        : gz(input, { level: 9 }),
    );
    encoded.set(key, bytes);
    return bytes;
  }

  return {
    async send(ctx, rep, settled) {
      const leading: Array<readonly [string, string]> = [...(rep.headers ?? [])];
      const compress = rep.compressible === true && rep.body.length >= MIN_COMPRESS_BYTES;
      if (compress) leading.push(['Vary', 'Accept-Encoding']);
      leading.push(['Cache-Control', rep.cacheControl]);
      if (rep.lastModified) leading.push(['Last-Modified', rep.lastModified.toUTCString()]);
      for (const [name, value] of leading) {
        if (name === 'Vary') ctx.vary(value);
        else ctx.set(name, value);
      }

      const coding = compress ? pickCoding(ctx) : undefined;
      const etag = coding ? `${rep.etag.slice(0, -1)}-${coding}"` : rep.etag;
      ctx.set('ETag', etag);

      const notModified = isNotModified(ctx, rep);
      const settle = settled !== undefined && fastPath !== undefined;
      // The fast path keeps the body a 200 would send, even when this answer is a 304.
      const needed = !notModified || settle;
      const body = !needed ? undefined : coding ? await encode(rep, coding) : whole(rep.body);
      if (settle && body !== undefined) {
        fastPath.settle(ctx, {
          revision: settled.revision,
          etag: rep.etag,
          sentEtag: etag,
          ...(rep.lastModified ? { lastModified: rep.lastModified } : {}),
          contentType: rep.contentType,
          ...(coding ? { contentEncoding: coding } : {}),
          body,
          leading,
        });
      }

      if (notModified) {
        ctx.status = 304;
        return;
      }
      // Spelled out in full by every representation (charset included), so both paths send the same value.
      ctx.set('Content-Type', rep.contentType);
      if (coding) ctx.set('Content-Encoding', coding);
      // HEAD needs the right Content-Length but not the work of compressing anything new.
      ctx.body = body;
    },
    async revision() {
      return fastPath ? fastPath.revision() : -1;
    },
  };
}

/**
 * Runs `use` on the body as one buffer: a parted body copied into a scratch buffer, which is kept for the next call
 * once `use` has settled (the one-shot compressors read their input until their promise settles, not after).
 */
async function withContiguous<T>(body: Buffer | PartedBody, use: (bytes: Buffer) => Promise<T>): Promise<T> {
  if (Buffer.isBuffer(body)) return use(body);
  const taken = scratch.pop();
  const buffer = taken && taken.length >= body.length ? taken : Buffer.allocUnsafeSlow(body.length);
  let offset = 0;
  for (const part of body.parts) offset += part.copy(buffer, offset);
  if (offset !== body.length) throw new RangeError(`parted body: expected ${body.length} bytes, got ${offset}`);
  try {
    return await use(buffer.subarray(0, offset));
  } finally {
    if (scratch.length < MAX_SCRATCH_BUFFERS && buffer.length <= MAX_SCRATCH_BYTES) scratch.push(buffer);
  }
}

function whole(body: Buffer | PartedBody): Buffer {
  return Buffer.isBuffer(body) ? body : body.joined;
}

function isNotModified(ctx: Context, rep: Representation): boolean {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
  const lastModifiedSeconds = rep.lastModified ? Math.floor(rep.lastModified.getTime() / 1000) : undefined;
  return notModified(ctx.get('if-none-match'), ctx.get('if-modified-since'), rep.etag, lastModifiedSeconds);
}
