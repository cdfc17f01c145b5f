import { afterAll, describe, expect, it } from 'vitest';
import { type CardService, createCardService, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR, makeLoader, makeLog, makeSpec } from './card-fixtures.js';

/**
 * `workers: 0` (what `syndicard card` asks for): cards drawn in this process by the composer the render workers run
 * (src/cards/render/in-process.ts). The bytes must be the workers', so a card from the CLI is the server's card.
 */
describe('cards drawn in this process', { timeout: 120_000 }, () => {
  const services: CardService[] = [];
  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
  });

  async function makeService(workers: number): Promise<CardService> {
    const service = await createCardService({
      fontsDir: FONTS_DIR,
      fonts: await loadFonts(FONTS_DIR),
      imageLoader: makeLoader(),
      cacheMaxBytes: 64 * 1_048_576,
      workers,
      log: makeLog(),
    });
    services.push(service);
    return service;
  }

  it('are byte for byte the cards a render worker draws, photo and text, and start no worker', async () => {
    const [inProcess, pooled] = await Promise.all([makeService(0), makeService(1)]);
    const specs = [makeSpec(), makeSpec({ template: 'plain', headline: 'A text card, drawn once in each' })];
    for (const spec of specs) {
      for (const format of ['jpeg', 'png'] as const) {
        const [mine, theirs] = [await inProcess.render(spec, format), await pooled.render(spec, format)];
        expect(mine.template).toBe(theirs.template);
        expect(mine.key).toBe(theirs.key);
        expect(mine.bytes.equals(theirs.bytes), `${mine.template} ${format}`).toBe(true);
      }
    }
    expect(inProcess.stats()).toMatchObject({ renders: 4, workersStarted: 0 });
    expect(pooled.stats()).toMatchObject({ renders: 4, workersStarted: 1 });
  });

  it('draws cards asked for at once, one after the other, each its own', async () => {
    const service = await makeService(0);
    const headlines = ['First of three', 'Second of three', 'Third of three'];
    const cards = await Promise.all(headlines.map((headline) => service.render(makeSpec({ headline }), 'png')));
    expect(new Set(cards.map((card) => card.key)).size).toBe(3);
    expect(new Set(cards.map((card) => card.bytes.toString('base64'))).size).toBe(3);
    expect(service.stats().renders).toBe(3);
  });

  it("refuses cards once closed, with the pool's code", async () => {
    const service = await makeService(0);
    await service.close();
    await expect(service.render(makeSpec({ headline: 'After close' }), 'png')).rejects.toMatchObject({
      code: 'CARD_RENDERER_STOPPED',
    });
  });
});
