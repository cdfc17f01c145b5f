import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle, parseSite } from '../../src/articles/index.js';
import { type CardSpec, cardSpecForArticle, type ImageLoader, type LoadedImage } from '../../src/cards/index.js';
import { AppError } from '../../src/errors.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FONTS_DIR = join(PROJECT_ROOT, 'fonts');
/** The test fixtures, inside the repository. */
export const FIXTURES_DIR = resolve(PROJECT_ROOT, 'tests/fixtures');

export const HERO_URL = 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg';
export const PORTRAIT_URL = 'https://www.entertainmentdaily.example/media/portrait.jpg';

export function fixtureImage(name: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, 'images', name));
}

/** The seed article's card spec, fresh per call. */
export function makeSpec(overrides: Partial<CardSpec> = {}): CardSpec {
  const article = parseArticle(JSON.parse(readFileSync(join(FIXTURES_DIR, 'articles/seed-article.json'), 'utf8')));
  const site = parseSite(JSON.parse(readFileSync(join(FIXTURES_DIR, 'articles/seed-site.json'), 'utf8')));
  return { ...cardSpecForArticle(article, site), ...overrides };
}

export interface FakeLoader extends ImageLoader {
  calls: string[];
}

/** Serves fixture files for known URLs (no network at all); any other URL fails like the real loader does. */
export function makeLoader(
  files: Record<string, string> = { [HERO_URL]: 'hero-1600x900.jpg', [PORTRAIT_URL]: 'portrait-800x1200.jpg' },
): FakeLoader {
  const calls: string[] = [];
  return {
    calls,
    async load(url: string): Promise<LoadedImage> {
      calls.push(url);
      const file = files[url];
      if (!file) throw new AppError('IMAGE_HTTP_STATUS', `image at ${url} answered 404`, { status: 502 });
      const bytes = fixtureImage(file);
      return { url, bytes, type: 'jpeg', mime: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') };
    },
  };
}

export interface RecordingLog {
  warnings: { obj: object; msg: string | undefined }[];
  errors: { obj: object; msg: string | undefined }[];
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export function makeLog(): RecordingLog {
  const log: RecordingLog = {
    warnings: [],
    errors: [],
    warn: (obj, msg) => log.warnings.push({ obj, msg }),
    error: (obj, msg) => log.errors.push({ obj, msg }),
  };
  return log;
}

/** A 300-character headline with curly quotes, an ellipsis and dashes. */
export const LONG_HEADLINE = (
  'Ministers ‘to announce sweeping reforms’ after months of “intense” negotiations… what the changes mean for ' +
  'renters, landlords and first-time buyers – and why critics warn the plans could drive rents higher still across ' +
  'England, Wales and parts of Scotland before the end of the decade, according to documents seen by reporters today'
).slice(0, 300);
