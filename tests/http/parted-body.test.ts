import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { FeedBody } from '../../src/feeds/index.js';
import { createRepresentationSender } from '../../src/http/representation.js';
import { rawGet } from '../helpers/raw-get.js';

/**
 * A feed document reaches the sender as parts (src/feeds/feed-body.ts); compression copies them into a scratch
 * buffer that is kept for the next encode. Bodies of different sizes, one after another and at once, must each
 * decode to their own bytes: a stale tail of a longer body, or two encodes sharing one buffer, would show here.
 */

/** `count` parts of distinct text, so any misplaced byte changes the decoded document. */
function partedBody(tag: string, count: number): FeedBody {
  const parts = Array.from({ length: count }, (_, i) =>
    Buffer.from(`<p>${tag} part ${i} “${'é'.repeat(i % 7)}”</p>\n`),
  );
  return new FeedBody(
    parts,
    parts.reduce((sum, part) => sum + part.length, 0),
  );
}

function appSending(bodies: Record<string, FeedBody>): Koa {
  const sender = createRepresentationSender();
  const app = new Koa();
  app.use(async (ctx) => {
    const body = bodies[ctx.path];
    if (!body) return;
    await sender.send(ctx, {
      body,
      contentType: 'text/html; charset=utf-8',
      etag: `"${ctx.path.slice(1)}"`,
      cacheControl: 'no-cache',
      compressible: true,
    });
  });
  return app;
}

const decode = (coding: string, bytes: Buffer) =>
  coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes;

describe('a parted body sent by the representation sender', () => {
  it.each(['gzip', 'br', 'identity'])(
    'decodes to its own bytes with %s, long and short bodies in turn',
    async (coding) => {
      const bodies = {
        '/long': partedBody('long', 400),
        '/short': partedBody('short', 60),
        '/longer': partedBody('longer', 900),
      };
      const callback = appSending(bodies).callback();
      for (const path of ['/long', '/short', '/longer', '/short'] as const) {
        const res = await rawGet(callback, path, { 'accept-encoding': coding });
        expect(res.status, path).toBe(200);
        expect(res.headers['content-encoding'], path).toBe(coding === 'identity' ? undefined : coding);
        expect(decode(coding, res.body).equals(Buffer.concat(bodies[path].parts)), path).toBe(true);
      }
    },
  );

  it('gives encodes running at once buffers of their own', async () => {
    const bodies = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`/doc-${i}`, partedBody(`doc ${i}`, 200 + 150 * i)]),
    );
    const callback = appSending(bodies).callback();
    const answers = await Promise.all(
      Object.keys(bodies).map((path) =>
        rawGet(callback, path, { 'accept-encoding': path.endsWith('1') ? 'br' : 'gzip' }),
      ),
    );
    Object.entries(bodies).forEach(([path, body], i) => {
      const res = answers[i]!;
      expect(decode(String(res.headers['content-encoding']), res.body).equals(body.joined), path).toBe(true);
    });
  });
});
