import { createHash } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/cards/photo/address-policy.js';
import {
  createImageLoader,
  ImageLoadError,
  type ImageLoadErrorCode,
  type ImageLoaderOptions,
} from '../../src/cards/photo/image-loader.js';
import { createGuardedLookup } from '../../src/cards/photo/image-request.js';
import { type ImageServer, readFixtureImage, startImageServer } from '../helpers/image-server.js';

// Every request here goes to 127.0.0.1; forbidden targets are loopback spellings refused before any connection.
let server: ImageServer;
beforeEach(async () => {
  server = await startImageServer();
});
afterEach(async () => {
  await server.close();
});

const MB = 1_048_576;
function loaderFor(options: Partial<ImageLoaderOptions> = {}) {
  return createImageLoader({ allow: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 10 * MB, ...options });
}

async function loadError(promise: Promise<unknown>, code: ImageLoadErrorCode): Promise<ImageLoadError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImageLoadError);
  expect((error as ImageLoadError).code).toBe(code);
  return error as ImageLoadError;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('createImageLoader: loading', () => {
  it('loads the fixture from an allow-listed 127.0.0.1, typed from its bytes', async () => {
    const hero = readFixtureImage('hero-1600x900.jpg');
    const image = await loaderFor().load(`${server.origin}/hero.jpg`);
    expect(image.url).toBe(`${server.origin}/hero.jpg`);
    expect(image.type).toBe('jpeg');
    expect(image.mime).toBe('image/jpeg');
    expect(image.bytes.equals(hero)).toBe(true);
    expect(image.sha256).toBe(sha256(hero));
    expect(server.requests).toEqual(['/hero.jpg']);
  });

  it.each([['127.0.0.1/32'], ['127.0.0.0/8'], ['localhost']])('loads through an allow-list entry %s', async (entry) => {
    const host = entry === 'localhost' ? `localhost:${server.port}` : `127.0.0.1:${server.port}`;
    const image = await loaderFor({ allow: [entry] }).load(`http://${host}/hero.jpg`);
    expect(image.type).toBe('jpeg');
  });

  it.each([
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
    ['avif', 'image/avif'],
  ] as const)('recognises %s', async (format, mime) => {
    const body = await sharp(readFixtureImage('hero-1600x900.jpg')).resize(32).toFormat(format).toBuffer();
    server.files.set(`/photo.${format}`, { body, type: 'application/octet-stream' });
    const image = await loaderFor().load(`${server.origin}/photo.${format}`);
    expect([image.type, image.mime, image.sha256]).toEqual([format, mime, sha256(body)]);
  });

  it('trusts the bytes over Content-Type', async () => {
    const image = await loaderFor().load(`${server.origin}/hero-labelled-html`);
    expect(image.type).toBe('jpeg');
  });

  it('sends a syndicard User-Agent', async () => {
    let userAgent: string | undefined;
    const probe = createServer((request, response) => {
      userAgent = request.headers['user-agent'];
      response.writeHead(404).end();
    });
    await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
    const { port } = probe.address() as AddressInfo;
    await loadError(loaderFor().load(`http://127.0.0.1:${port}/x.jpg`), 'IMAGE_HTTP_STATUS');
    await new Promise((closed) => probe.close(closed));
    expect(userAgent).toMatch(/^syndicard\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/syndicard\)$/);
  });
});

describe('createImageLoader: addresses', () => {
  it('refuses 127.0.0.1 when it is not allow-listed, before connecting', async () => {
    const url = `${server.origin}/hero.jpg`;
    const error = await loadError(loaderFor({ allow: [] }).load(url), 'IMAGE_ADDRESS_BLOCKED');
    expect(error.message).toBe(
      `image host 127.0.0.1 is a loopback address, not allowed (add it to SYNDICARD_IMAGE_ALLOW to allow it): ${url}`,
    );
    expect([error.status, error.expose, error.url]).toEqual([422, false, url]);
    expect(server.connections).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('checks the address a hostname resolves to, at connect time', async () => {
    const url = `http://localhost:${server.port}/hero.jpg`;
    const error = await loadError(loaderFor({ allow: ['127.0.0.2'] }).load(url), 'IMAGE_ADDRESS_BLOCKED');
    expect(error.message).toMatch(
      /^image host localhost resolves to (127\.0\.0\.1|::1), a loopback address, not allowed/,
    );
    expect(server.connections).toBe(0);
  });

  it.each([
    ['127.0.0.2', '127.0.0.2'],
    ['2130706434', '127.0.0.2'],
    ['0x7f000002', '127.0.0.2'],
    ['0177.0.0.2', '127.0.0.2'],
    ['127.2', '127.0.0.2'],
    ['[::1]', '::1'],
    ['[::ffff:127.0.0.3]', '::ffff:7f00:3'],
    ['[::ffff:7f00:2]', '::ffff:7f00:2'],
  ])('refuses a redirect to %s (%s) without connecting to it', async (spelling, host) => {
    const target = `http://${spelling}:${server.port}/hero.jpg`;
    const start = `${server.origin}/redirect?to=${encodeURIComponent(target)}`;
    const error = await loadError(loaderFor().load(start), 'IMAGE_ADDRESS_BLOCKED');
    expect(error.message).toMatch(
      new RegExp(`^image host ${host.replace(/\./g, '\\.')} is a loopback address, not allowed`),
    );
    expect(error.url).toBe(new URL(target).href);
    expect(server.requests).toEqual([`/redirect?to=${encodeURIComponent(target)}`]);
    expect(server.connections).toBe(1);
  });

  it('drops refused addresses from a DNS answer and fails when none is left', async () => {
    const policy = createAddressPolicy([]);
    const url = new URL('http://rebind.test/photo.jpg');
    const answer = (addresses: LookupAddress[]) =>
      new Promise<{ error: unknown; result: unknown }>((settle) => {
        const lookup = createGuardedLookup(policy, url, (_host, _options, callback) => callback(null, addresses));
        lookup('rebind.test', { all: true }, (error, result) => settle({ error, result }));
      });
    const mixed = await answer([
      { address: '10.0.0.1', family: 4 },
      { address: '93.184.216.34', family: 4 },
    ]);
    expect(mixed).toEqual({ error: null, result: [{ address: '93.184.216.34', family: 4 }] });
    const blocked = await answer([
      { address: '10.0.0.1', family: 4 },
      { address: 'fd00::1', family: 6 },
    ]);
    expect(blocked.error).toBeInstanceOf(ImageLoadError);
    expect((blocked.error as Error).message).toBe(
      'image host rebind.test resolves to 10.0.0.1, a private address, not allowed (add the host or the address to SYNDICARD_IMAGE_ALLOW to allow it): http://rebind.test/photo.jpg',
    );
  });
});

describe('createImageLoader: redirects', () => {
  it('follows a relative Location', async () => {
    const image = await loaderFor().load(`${server.origin}/nested/dir/relative`);
    expect(image.url).toBe(`${server.origin}/hero.jpg`);
    expect(server.requests).toEqual(['/nested/dir/relative', '/hero.jpg']);
  });

  it('follows 5 redirects and refuses a 6th', async () => {
    const image = await loaderFor().load(`${server.origin}/chain/5`);
    expect(image.type).toBe('jpeg');
    const error = await loadError(loaderFor().load(`${server.origin}/chain/6`), 'IMAGE_TOO_MANY_REDIRECTS');
    expect(error.message).toBe(
      `image at ${server.origin}/chain/6 redirected more than 5 times (last from ${server.origin}/chain/1 to /hero.jpg)`,
    );
    expect(error.status).toBe(502);
  });

  it('honours maxRedirects', async () => {
    await loadError(loaderFor({ maxRedirects: 1 }).load(`${server.origin}/chain/2`), 'IMAGE_TOO_MANY_REDIRECTS');
    expect(server.requests).toEqual(['/chain/2', '/chain/1']);
  });

  it.each(['ftp://127.0.0.1/x.jpg', 'file:///etc/passwd', 'data:image/png;base64,AAAA'])(
    'refuses a redirect to %s',
    async (target) => {
      const start = `${server.origin}/redirect?to=${encodeURIComponent(target)}`;
      const error = await loadError(loaderFor().load(start), 'IMAGE_URL_INVALID');
      expect(error.message).toContain(`redirected to "${target}", which must use http: or https:`);
    },
  );
});

describe('createImageLoader: limits and answers', () => {
  it.each([
    ['ftp://127.0.0.1/hero.jpg', 'must use http: or https:, got ftp:'],
    ['file:///srv/media/hero-1600x900.jpg', 'must use http: or https:, got file:'],
    ['data:image/jpeg;base64,/9j/4AAQ', 'must use http: or https:, got data:'],
    ['/hero.jpg', 'is not a valid absolute URL'],
    ['http://', 'is not a valid absolute URL'],
  ])('refuses the URL %s', async (url, reason) => {
    const error = await loadError(loaderFor().load(url), 'IMAGE_URL_INVALID');
    expect(error.message).toBe(`image URL "${url}" ${reason}`);
    expect(error.status).toBe(422);
    expect(server.connections).toBe(0);
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const url = `${server.origin}/big-declared?bytes=${20 * MB}`;
    const error = await loadError(loaderFor().load(url), 'IMAGE_TOO_LARGE');
    expect(error.message).toBe(
      `image at ${url} is over 10485760 bytes (SYNDICARD_IMAGE_MAX_BYTES): its Content-Length is 20971520`,
    );
    expect(error.status).toBe(422);
  });

  it('cuts off a chunked body as soon as it crosses the cap', async () => {
    const url = `${server.origin}/big-chunked?bytes=${200 * MB}`;
    const error = await loadError(loaderFor({ maxBytes: MB }).load(url), 'IMAGE_TOO_LARGE');
    expect(error.message).toBe(`image at ${url} is over 1048576 bytes (SYNDICARD_IMAGE_MAX_BYTES)`);
    await server.settled();
    // The server stopped well short of 200 MB: what it sent is bounded by the cap plus socket buffers.
    expect(server.streamedBytes).toBeLessThan(40 * MB);
  });

  it.each(['/slow-body', '/slow-head'])('gives up on %s at the deadline', async (path) => {
    const started = performance.now();
    const error = await loadError(loaderFor({ timeoutMs: 300 }).load(`${server.origin}${path}`), 'IMAGE_TIMEOUT');
    const elapsed = performance.now() - started;
    expect(error.message).toBe(
      `image at ${server.origin}${path} did not arrive within 300 ms (SYNDICARD_IMAGE_TIMEOUT_MS)`,
    );
    expect(error.status).toBe(504);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    await server.settled(); // the connection was closed, not left open
  });

  it('refuses HTML', async () => {
    const error = await loadError(loaderFor().load(`${server.origin}/page.html`), 'IMAGE_NOT_AN_IMAGE');
    expect(error.message).toBe(
      `image at ${server.origin}/page.html is not a JPEG, PNG, WebP, GIF or AVIF image: got unrecognised bytes (Content-Type text/html; charset=utf-8)`,
    );
    expect(error.status).toBe(422);
  });

  it('refuses a known type that is not a photo format', async () => {
    server.files.set('/archive.jpg', { body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), type: 'image/jpeg' });
    const error = await loadError(loaderFor().load(`${server.origin}/archive.jpg`), 'IMAGE_NOT_AN_IMAGE');
    expect(error.message).toContain('got application/pdf (Content-Type image/jpeg)');
  });

  it('reports a 404 with the status', async () => {
    const error = await loadError(loaderFor().load(`${server.origin}/missing.jpg`), 'IMAGE_HTTP_STATUS');
    expect(error.message).toBe(`image at ${server.origin}/missing.jpg answered 404 Not Found; expected 200`);
    expect([error.status, error.expose]).toEqual([502, false]);
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = await startImageServer();
    await closed.close();
    const url = `${closed.origin}/hero.jpg`;
    const error = await loadError(loaderFor().load(url), 'IMAGE_UNREACHABLE');
    expect(error.message).toBe(`image at ${url} could not be loaded: connect ECONNREFUSED 127.0.0.1:${closed.port}`);
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('render cancelled');
    const loading = loaderFor().load(`${server.origin}/slow-head`, controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(loading).rejects.toBe(reason);
  });
});
