import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Japanese phrase chunks, as Chrome's `word-break: auto-phrase` finds them: Chrome uses BudouX's model, and so do we
 * (budoux on npm, Apache-2.0). satori lays `auto-phrase` out as `normal` (TYPOGRAPHY-NOTES.md), so the templates lay
 * each chunk out as a flex item of a wrapping row; this only finds the chunks.
 *
 * budoux's entry point also loads linkedom for its HTML processor (1.8 s and 30 MB on a loaded machine), which a
 * render worker never needs: only its Parser and the Japanese model are loaded, by file from the installed package
 * (0.7.x layout, pinned by `^0.7.0`; tests/cards/text/phrases.test.ts fails if the layout moves), on the first
 * Japanese headline (about 50 ms, 1.4 MB).
 */
interface BudouxParser {
  parse(sentence: string): string[];
}

let parser: BudouxParser | undefined;

function japaneseParser(): BudouxParser {
  if (!parser) {
    const require = createRequire(import.meta.url);
    // The CommonJS build's entry is dist/index.js; parser.js and data/models/ja.js sit beside it.
    const dist = dirname(require.resolve('budoux'));
    const { Parser } = require(join(dist, 'parser.js')) as { Parser: new (model: unknown) => BudouxParser };
    const { model } = require(join(dist, 'data/models/ja.js')) as { model: unknown };
    parser = new Parser(model);
  }
  return parser;
}

/**
 * The phrases of a Japanese headline, concatenating to `text`. Spaces (between Latin words, or written between
 * phrases) are break opportunities too, so a chunk is also cut after each run of spaces, which stays at its end.
 */
export function japanesePhrases(text: string): string[] {
  const phrases: string[] = [];
  for (const chunk of japaneseParser().parse(text)) {
    for (const part of chunk.split(/(?<=[ \u3000]+)(?=[^ \u3000])/u)) if (part) phrases.push(part);
  }
  return phrases;
}
