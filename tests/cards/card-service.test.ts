import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CardService, type CardServiceDeps, createCardService, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR, HERO_URL, makeLoader, makeLog, makeSpec } from './card-fixtures.js';

describe('card service cache', () => {
  let dir: string;
  const services: CardService[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'syndicard-cards-'));
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function makeService(overrides: Partial<CardServiceDeps> = {}) {
    const loader = makeLoader();
    const log = makeLog();
    const service = await createCardService({
      fontsDir: FONTS_DIR,
      imageLoader: loader,
      cacheDir: join(dir, 'cards'),
      cacheMaxBytes: 64 * 1_048_576,
      workers: 1,
      log,
      ...overrides,
    });
    services.push(service);
    return { service, loader, log };
  }

  it('renders a card once: the second request is served from memory without a worker or a fetch', async () => {
    const { service, loader } = await makeService();
    const spec = makeSpec();
    expect(service.peek(spec, 'jpeg')).toBeUndefined();
    const first = await service.render(spec, 'jpeg');
    const second = await service.render(makeSpec(), 'jpeg');
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.etag).toBe(first.etag);
    expect(first.etag).toBe(`"${first.key}"`);
    expect(first.template).toBe('photo');
    expect(service.stats()).toMatchObject({ renders: 1, memoryHits: 1 });
    expect(loader.calls).toEqual([HERO_URL]);
    expect(service.peek(makeSpec(), 'jpeg')?.key).toBe(first.key);
    expect(service.peek(makeSpec(), 'png')).toBeUndefined();
  });

  it('renders again when something the card shows changes', async () => {
    const { service } = await makeService();
    const a = await service.render(makeSpec(), 'png');
    const b = await service.render(makeSpec({ headline: 'A different headline' }), 'png');
    const c = await service.render(makeSpec({ credit: 'Photo by PA' }), 'png');
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(service.stats().renders).toBe(3);
  });

  it('draws new cards with a known photo from the processed copy, without fetching the photo again', async () => {
    const { service, loader } = await makeService({ cacheDir: undefined });
    const first = await service.render(makeSpec({ headline: 'First headline' }), 'jpeg');
    const second = await service.render(makeSpec({ headline: 'Second headline' }), 'jpeg');
    const third = await service.render(makeSpec({ headline: 'Third headline' }), 'png');
    expect([first, second, third].map((card) => card.template)).toEqual(['photo', 'photo', 'photo']);
    expect(new Set([first.key, second.key, third.key]).size).toBe(3);
    expect(service.stats()).toMatchObject({ renders: 3, photoFallbacks: 0 });
    expect(loader.calls).toEqual([HERO_URL]);
  });

  it('renders concurrent identical requests once', async () => {
    const { service, loader } = await makeService();
    const cards = await Promise.all(Array.from({ length: 6 }, () => service.render(makeSpec(), 'png')));
    expect(new Set(cards.map((card) => card.key)).size).toBe(1);
    expect(service.stats().renders).toBe(1);
    expect(loader.calls).toHaveLength(1);
  });

  it('keeps cards on disk across service instances (atomic files, no temporaries left)', async () => {
    const fonts = await loadFonts(FONTS_DIR);
    const { service: first } = await makeService({ fonts });
    const card = await first.render(makeSpec(), 'jpeg');
    await first.close();

    const { service: second } = await makeService({ fonts });
    const again = await second.render(makeSpec(), 'jpeg');
    expect(again.bytes.equals(card.bytes)).toBe(true);
    expect(again.key).toBe(card.key);
    expect(second.stats()).toMatchObject({ renders: 0, diskHits: 1 });
    const files = (await readdir(join(dir, 'cards'), { recursive: true })).map(String);
    expect(files).toContain(join(card.key.slice(0, 2), `${card.key}.jpg`));
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('falls back to the plain card, with a warning, when the photo cannot be had', async () => {
    const { service, log } = await makeService({ imageLoader: makeLoader({}) });
    const card = await service.render(makeSpec(), 'png');
    expect(card.template).toBe('plain');
    expect(service.stats().photoFallbacks).toBe(1);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatchObject({
      obj: { url: HERO_URL },
      msg: 'card photo could not be loaded; drawing the card without it',
    });
    // The same content as the plain card of the same article.
    const plain = await service.render(makeSpec({ template: 'plain' }), 'png');
    expect(plain.key).toBe(card.key);
    expect(service.stats().renders).toBe(1);
  });

  it('falls back to the plain card when the photo bytes are not an image', async () => {
    const loader = makeLoader();
    const log = makeLog();
    const broken = {
      load: async (url: string) => ({
        ...(await loader.load(url)),
        bytes: Buffer.from('not an image'),
        sha256: 'f00d',
      }),
    };
    const { service } = await makeService({ imageLoader: broken, log });
    const card = await service.render(makeSpec(), 'jpeg');
    expect(card.template).toBe('plain');
    expect(log.warnings.map((w) => w.msg)).toEqual(['card photo could not be decoded; drawing the plain card']);
  });
});
