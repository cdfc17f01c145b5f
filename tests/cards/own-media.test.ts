import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCardService, createImageLoader, ImageLoadError, MEDIA_DIR } from '../../src/cards/index.js';
import { imageFailureLog } from '../../src/cards/photo/image-errors.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';
import { makeLog } from './card-fixtures.js';

// The image server stands in for "the service's own origin": the loader must answer its /media/ URLs from disk and
// never connect to it, while every other URL keeps going through the address guard unchanged.
let server: ImageServer;
beforeEach(async () => {
  server = await startImageServer();
});
afterEach(async () => {
  await server.close();
});

function loader(allow: string[] = []) {
  return createImageLoader({
    allow,
    timeoutMs: 5000,
    maxBytes: 10 * 1_048_576,
    ownMedia: { origins: [server.origin], dir: MEDIA_DIR },
  });
}

async function failure(promise: Promise<unknown>): Promise<ImageLoadError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImageLoadError);
  return error as ImageLoadError;
}

describe('the photo loader and the service own media', () => {
  it('reads its own media URLs from the bundle, without a connection, although loopback is not allowed', async () => {
    const image = await loader().load(`${server.origin}/media/demo/lighthouse.jpg`);
    expect(image.type).toBe('jpeg');
    expect(image.bytes.equals(readFileSync(join(MEDIA_DIR, 'demo/lighthouse.jpg')))).toBe(true);
    expect(server.connections).toBe(0);
  });

  it('answers a name outside the bundle like a 404, still without a connection', async () => {
    for (const path of ['/media/demo/missing.jpg', '/media/demo/../../package.json', '/media/%2e%2e/package.json']) {
      const url = `${server.origin}${path}`;
      const error = await failure(loader().load(url));
      expect(error.code === 'IMAGE_HTTP_STATUS' || error.code === 'IMAGE_ADDRESS_BLOCKED').toBe(true);
    }
    const error = await failure(loader().load(`${server.origin}/media/demo/missing.jpg`));
    expect(error.message).toBe(
      `image at ${server.origin}/media/demo/missing.jpg answered 404: not one of the bundled media files`,
    );
    expect(server.connections).toBe(0);
  });

  it('keeps the guard for every other URL: another origin, or another path on its own origin', async () => {
    const other = `http://127.0.0.2:${server.port}/media/demo/lighthouse.jpg`;
    expect((await failure(loader().load(other))).code).toBe('IMAGE_ADDRESS_BLOCKED');
    expect((await failure(loader().load(`${server.origin}/hero.jpg`))).code).toBe('IMAGE_ADDRESS_BLOCKED');
    expect(server.connections).toBe(0);
    // Allow-listed, the same origin's other paths are fetched over HTTP as before.
    const fetched = await loader(['127.0.0.1']).load(`${server.origin}/hero.jpg`);
    expect(fetched.type).toBe('jpeg');
    expect(server.requests).toEqual(['/hero.jpg']);
  });
});

describe('one short line per photo that cannot be had', () => {
  const url = 'http://127.0.0.1:9/x.jpg';
  const unreachable = (code: string, message: string) =>
    new ImageLoadError('IMAGE_UNREACHABLE', `image at ${url} could not be loaded: ${message}`, {
      url,
      cause: Object.assign(new Error(message), { code }),
    });

  it.each([
    [unreachable('ENOTFOUND', 'getaddrinfo ENOTFOUND news.example'), 'DNS lookup failed: no such host'],
    [unreachable('EAI_AGAIN', 'getaddrinfo EAI_AGAIN news.example'), 'DNS lookup failed: the resolver did not answer'],
    [unreachable('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), 'connection refused'],
    [
      new ImageLoadError(
        'IMAGE_TIMEOUT',
        `image at ${url} did not arrive within 5000 ms (SYNDICARD_IMAGE_TIMEOUT_MS)`,
        {
          url,
        },
      ),
      'did not arrive within 5000 ms (SYNDICARD_IMAGE_TIMEOUT_MS)',
    ],
    [
      new ImageLoadError(
        'IMAGE_ADDRESS_BLOCKED',
        `image host 127.0.0.1 is a loopback address, not allowed (add it to SYNDICARD_IMAGE_ALLOW to allow it): ${url}`,
        { url },
      ),
      'image host 127.0.0.1 is a loopback address, not allowed (add it to SYNDICARD_IMAGE_ALLOW to allow it)',
    ],
  ])('%s', (error, cause) => {
    const [fields, message] = imageFailureLog(error, url, 'photo');
    expect(message).toBe(`card photo ${url} not loaded: ${cause}; drawing the card without it`);
    expect(fields).toEqual({ code: error.code });
  });

  it('keeps the stack of anything the loader did not expect (a bug)', () => {
    const bug = new TypeError('x is not a function');
    const [fields] = imageFailureLog(bug, url, 'logo');
    expect(fields).toEqual({ err: bug, url });
  });

  it('is what the card service logs, once, for a real refused connection and a real timeout', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/photo.jpg`;
    const slow = `${server.origin}/slow-head`;
    const log = makeLog();
    const cards = await createCardService({
      fontsDir: FONTS_DIR,
      imageLoader: createImageLoader({ allow: ['127.0.0.1'], timeoutMs: 300, maxBytes: 1_048_576 }),
      cacheMaxBytes: 16 * 1_048_576,
      workers: 1,
      log,
    });
    try {
      const theme = { background: '#111827', foreground: '#ffffff', accent: '#e11d48' };
      for (const photoUrl of [closed, slow]) {
        const card = await cards.render({ headline: 'H', siteName: 'S', template: 'photo', photoUrl, theme }, 'png');
        expect(card.template).toBe('plain');
      }
    } finally {
      await cards.close();
    }
    expect(log.warnings.map((w) => w.msg)).toEqual([
      `card photo ${closed} not loaded: connection refused; drawing the card without it`,
      `card photo ${slow} not loaded: did not arrive within 300 ms (SYNDICARD_IMAGE_TIMEOUT_MS); drawing the card without it`,
    ]);
    for (const warning of log.warnings) expect(warning.obj).not.toHaveProperty('err');
  });
});

/** A port on 127.0.0.1 with nothing listening: a server is opened and closed on it. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
