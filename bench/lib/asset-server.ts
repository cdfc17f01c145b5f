import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { HERO_JPG } from './fixtures.js';

/**
 * The "publisher's CDN" of the benchmarks, on 127.0.0.1 only: the hero photo for the card loader, and the card
 * fonts for Chromium's @font-face (long-lived cache headers, so the warm browser keeps them as a real one would).
 */
export interface AssetServer {
  origin: string;
  photoUrl: string;
  /** A URL of a photo never seen before (same picture, different bytes). */
  freshPhotoUrl(n: number): string;
  /** Photo requests answered so far. */
  photoRequests(): number;
  close(): Promise<void>;
}

export async function startAssetServer(): Promise<AssetServer> {
  const files = new Map<string, { bytes: Buffer; type: string }>([
    ['/hero.jpg', { bytes: await readFile(HERO_JPG), type: 'image/jpeg' }],
    [
      '/fonts/NotoSans-Regular.ttf',
      { bytes: await readFile(join(FONTS_DIR, 'NotoSans-Regular.ttf')), type: 'font/ttf' },
    ],
    ['/fonts/NotoSans-Bold.ttf', { bytes: await readFile(join(FONTS_DIR, 'NotoSans-Bold.ttf')), type: 'font/ttf' }],
  ]);
  const hero = files.get('/hero.jpg');
  let photos = 0;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    // `/hero.jpg?n=7`: the hero with a distinct trailer after its EOI marker (decoders ignore it), i.e. a "new"
    // photo whose SHA-256 no cache has seen.
    const fresh = /^\/hero\.jpg\?n=(\d+)$/.exec(url);
    const known = files.get(url);
    const file =
      fresh && hero ? { bytes: Buffer.concat([hero.bytes, Buffer.from(`#${fresh[1]}`)]), type: hero.type } : known;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (url.startsWith('/hero.jpg')) photos++;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.bytes.length,
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
    });
    res.end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    photoUrl: `${origin}/hero.jpg`,
    freshPhotoUrl: (n) => `${origin}/hero.jpg?n=${n}`,
    photoRequests: () => photos,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
