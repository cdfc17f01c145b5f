import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardSpec } from '../../src/cards/index.js';
import { makeSpec, PROJECT_ROOT } from './card-fixtures.js';

/** One headline of tests/fixtures/world-headlines.json. */
export interface WorldHeadline {
  id: string;
  /** BCP 47 tag, as an article record carries it. */
  language: string;
  headline: string;
  credit?: string;
  /** What the headline exercises. */
  note: string;
}

export const WORLD_HEADLINES: readonly WorldHeadline[] = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests/fixtures/world-headlines.json'), 'utf8')) as {
    headlines: WorldHeadline[];
  }
).headlines;

/** The seed site's photo card for a corpus headline, with its language and credit. */
export function worldSpec(entry: WorldHeadline, overrides: Partial<CardSpec> = {}): CardSpec {
  return { ...makeSpec({ headline: entry.headline, credit: entry.credit, language: entry.language }), ...overrides };
}
