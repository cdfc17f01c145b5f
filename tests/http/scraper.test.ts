import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ogs from 'open-graph-scraper';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';

const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';
let t: TestApp;
let images: ImageServer;
let server: Server;
let origin: string;

/**
 * A scraper nobody here wrote (open-graph-scraper, as link-preview services use) reads the article page from the
 * app listening on 127.0.0.1, then the image its og:image names is fetched like a platform would.
 */
beforeAll(async () => {
  images = await startImageServer();
  // The public origin must be where the app listens, so og:image is fetchable: pick the port first.
  const probe = (await import('node:net')).createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  origin = `http://127.0.0.1:${port}`;
  t = await makeTestApp({ env: { SYNDICARD_IMAGE_ALLOW: '127.0.0.1', SYNDICARD_BASE_URL: origin } });
  const seed = makeArticle();
  seed.image = { ...seed.image!, url: `${images.origin}/hero.jpg` };
  await putArticle(t, seed);
  const { createServer } = await import('node:http');
  server = createServer(t.callback);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  await images?.close();
});

describe('the article page as a scraper reads it', () => {
  it('has Open Graph, article and X tags that open-graph-scraper understands', async () => {
    const { result, error } = await ogs({
      url: `${origin}/articles/${SEED_ID}`,
      fetchOptions: { headers: { 'user-agent': 'facebookexternalhit/1.1' } },
    });
    expect(error).toBe(false);
    expect(result.ogTitle).toBe(
      'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release',
    );
    expect(result.ogDescription).toBe('Connelly was released last year');
    expect(result.ogType).toBe('article');
    expect(result.ogUrl).toBe(
      'https://www.entertainmentdaily.example/news/baby-p-mum-befriends-woman-who-smothered-daughter/',
    );
    expect(result.ogSiteName).toBe('Entertainment Daily');
    expect(result.ogLocale).toBe('en_GB');
    expect(result.twitterCard).toBe('summary_large_image');
    expect(result.twitterTitle).toBe(result.ogTitle);
    expect(result.articlePublishedTime).toBe('2023-04-14T07:15:00+01:00');
    expect(result.articleSection).toBe('News');
    const image = result.ogImage?.[0];
    expect(image).toMatchObject({
      width: '1200',
      height: '630',
      type: 'image/jpeg',
      alt: 'Baby P mum in mugshot, Peter Connelly',
    });
    expect(result.twitterImage?.[0]?.url).toBe(image?.url);
    expect(result.jsonLD?.[0]).toMatchObject({ '@type': 'NewsArticle' });

    // Fetch the og:image as the platform would: a real 1200×630 JPEG within WhatsApp's ~300 KB.
    expect(image!.url.startsWith(`${origin}/cards/${SEED_ID}/`)).toBe(true);
    const response = await fetch(image!.url);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(300 * 1024);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
  });
});
