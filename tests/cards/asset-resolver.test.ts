import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ImageLoader } from '../../src/cards/index.js';
import { type AssetRef, createAssetResolver, ImageLoadError } from '../../src/cards/photo/index.js';
import { fixtureImage } from './card-fixtures.js';

const URL_A = 'https://images.example/a.jpg';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A loader whose answer per URL the test changes: a fixture file, or an error; every call is counted. */
function loader(files: Record<string, string | Error>) {
  const calls: string[] = [];
  const load: ImageLoader['load'] = async (url) => {
    calls.push(url);
    const file = files[url];
    if (file === undefined) throw new ImageLoadError('IMAGE_HTTP_STATUS', `image at ${url} answered 404`, { url });
    if (file instanceof Error) throw file;
    const bytes = fixtureImage(file);
    return { url, bytes, type: 'jpeg', mime: 'image/jpeg', sha256: sha(bytes) };
  };
  return { calls, files, load };
}

function resolver(files: Record<string, string | Error>) {
  const images = loader(files);
  const warnings: string[] = [];
  const assets = createAssetResolver({
    imageLoader: images,
    log: { warn: (_obj, msg) => warnings.push(msg ?? '') },
    retryBaseMs: 60_000,
    retryMaxMs: 300_000,
  });
  return { assets, images, warnings };
}

describe('the asset resolver, the one owner of photo state in the main process', () => {
  it('fetches a URL once to identify it, then draws it from its processed copy by content', async () => {
    const { assets, images } = resolver({ [URL_A]: 'hero-1600x900.jpg' });
    const first = await assets.identify(URL_A, 'photo');
    expect(first?.sha256).toBe(sha(fixtureImage('hero-1600x900.jpg')));
    expect(assets.known(URL_A)).toEqual({ sha256: first!.sha256 });
    const photo = await assets.photo(URL_A, first!);
    expect(photo?.sha256).toBe(first!.sha256);
    expect(photo?.jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Known by hash now: neither identifying nor drawing it again fetches, and both answer without a promise.
    const again = assets.identify(URL_A, 'photo');
    expect(again).toEqual({ sha256: first!.sha256, bytes: undefined });
    expect(assets.photo(URL_A, again as AssetRef)).toBe(photo);
    expect(images.calls).toEqual([URL_A]);
  });

  it('answers a remembered URL without starting a timer (lru-cache’s clock cache did, waking the event loop)', async () => {
    const { assets } = resolver({ [URL_A]: 'hero-1600x900.jpg' });
    await assets.identify(URL_A, 'photo');
    vi.useFakeTimers();
    try {
      expect(assets.identify(URL_A, 'photo')).toMatchObject({ bytes: undefined });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers a failure with its retry time, and tries again only when asked after it', async () => {
    const { assets, images, warnings } = resolver({});
    expect(await assets.identify(URL_A, 'photo')).toBeUndefined();
    expect(assets.known(URL_A)).toBe('unavailable');
    expect(assets.failure(URL_A)).toEqual({ permanent: false, retryAfterSeconds: 60 });
    expect(assets.identify(URL_A, 'photo')).toBeUndefined();
    expect(images.calls).toEqual([URL_A]);
    expect(warnings).toHaveLength(1);
  });

  it('fetches again to draw a photo whose processed copy it does not hold, and draws what the URL holds now', async () => {
    const { assets, images } = resolver({ [URL_A]: 'portrait-800x1200.jpg' });
    const stale = { sha256: sha(fixtureImage('hero-1600x900.jpg')), bytes: undefined };
    const photo = await assets.photo(URL_A, stale);
    expect(photo?.sha256).toBe(sha(fixtureImage('portrait-800x1200.jpg')));
    expect(images.calls).toEqual([URL_A]);
  });

  it('marks bytes that do not decode as a permanent failure and draws without them', async () => {
    const { assets, warnings } = resolver({});
    const notAnImage = { sha256: 'f'.repeat(64), bytes: Buffer.from('not an image at all') };
    expect(await assets.photo(URL_A, notAnImage)).toBeUndefined();
    expect(assets.failure(URL_A)?.permanent).toBe(true);
    expect(assets.known(URL_A)).toBe('unavailable');
    expect(warnings).toEqual(['card photo could not be decoded; drawing the plain card']);
    expect(await assets.logo(URL_A, notAnImage)).toBeUndefined();
    expect(warnings.at(-1)).toBe('card logo could not be decoded; drawing the site name');
  });
});
