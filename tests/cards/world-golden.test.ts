import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardService, createCardService } from '../../src/cards/index.js';
import { compareWithGolden, diffRatio, MAX_DIFF_RATIO, toGoldenPng } from '../helpers/golden-image.js';
import { FONTS_DIR, makeLoader, makeLog } from './card-fixtures.js';
import { WORLD_HEADLINES, type WorldHeadline, worldSpec } from './world-corpus.js';

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url));

/**
 * One golden card per script (issue 7), drawn by the card service with the headline's language, as the text-only
 * card: flat colour keeps the goldens small, and the headline block is the one the photo card draws too. A glyph
 * turned into a box, a mark moved off its letter, a reordered word or a line broken elsewhere changes far more than
 * MAX_DIFF_RATIO of the pixels. Each was looked at when it was written (UPDATE_GOLDEN=1).
 */
const GOLDEN_SCRIPTS: Readonly<Record<string, string>> = {
  latin: 'vi-metro',
  greek: 'el-budget',
  cyrillic: 'ru-key-rate',
  arabic: 'ar-qatar-brent',
  persian: 'fa-samsung',
  hebrew: 'he-intel-percent',
  devanagari: 'hi-cricket',
  bengali: 'bn-metro',
  tamil: 'ta-chennai-rain',
  thai: 'th-storm-warning',
  'han-sc': 'zh-cn-metro',
  'han-tc': 'zh-tw-typhoon',
  'han-hk': 'zh-hk-mtr',
  japanese: 'ja-rainy-season',
  korean: 'ko-rate-cut',
  emoji: 'en-emoji-zwj-family',
};

function entry(id: string): WorldHeadline {
  const found = WORLD_HEADLINES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no headline ${id} in tests/fixtures/world-headlines.json`);
  return found;
}

describe('world cards: one golden image per script', () => {
  let service: CardService;
  beforeAll(async () => {
    service = await createCardService({
      fontsDir: FONTS_DIR,
      imageLoader: makeLoader(),
      cacheMaxBytes: 64 * 1_048_576,
      workers: 1,
      log: makeLog(),
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  for (const [script, id] of Object.entries(GOLDEN_SCRIPTS)) {
    it(`${script} (${id}) matches tests/cards/__golden__/world-${script}.png`, async () => {
      const card = await service.render(worldSpec(entry(id), { template: 'plain', photoUrl: undefined }), 'png');
      expect(card.template).toBe('plain');
      const ratio = compareWithGolden(join(GOLDEN_DIR, `world-${script}.png`), await toGoldenPng(card.bytes));
      expect(ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO);
    }, 60_000);
  }

  it('another script does not match a golden (the comparison can fail)', async () => {
    const [first, second] = Object.keys(GOLDEN_SCRIPTS);
    const other = entry(GOLDEN_SCRIPTS[second!]!);
    const card = await service.render(worldSpec(other, { template: 'plain', photoUrl: undefined }), 'png');
    const golden = PNG.sync.read(readFileSync(join(GOLDEN_DIR, `world-${first}.png`)));
    expect(diffRatio(golden, await toGoldenPng(card.bytes))).toBeGreaterThan(MAX_DIFF_RATIO);
  }, 60_000);
});
