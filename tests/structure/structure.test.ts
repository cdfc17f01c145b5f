import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, type Import, importsOf, ROOT, sourceFiles } from './import-graph.js';

/**
 * The shape of src/, held by tests (docs/STYLE.md: folders by capability, imports one way; issue 11: cards, and
 * articles since, as stage folders with a small public surface each). Imports are read from the source text (import-graph.ts).
 */

const imports = importsOf();

/** What a file belongs to: its top folder under src/ (`cards`), or the top-level file itself (`config.ts`). */
function moduleOf(path: string): string {
  return /^src\/([^/]+)/.exec(path)?.[1] ?? path;
}

/**
 * Imports run one way, down this list (docs/STYLE.md: articles → feeds / cards → http / cli): a module imports only
 * modules of a lower rank, never one of its own rank (feeds and cards know nothing of each other).
 */
const RANK: Record<string, number> = {
  'errors.ts': 0,
  articles: 1,
  feeds: 2,
  cards: 2,
  // WebSub pings hubs about feeds; configuration validates against the feeds' defaults.
  websub: 3,
  'config.ts': 3,
  // Wiring: setup/ builds the services main.ts and the CLI start; http/ serves them.
  setup: 4,
  http: 4,
  // The service's entry and the package's exports; the CLI on top (`syndicard serve` runs main.ts).
  'main.ts': 5,
  'index.ts': 5,
  cli: 6,
};

/** Modules with an index.ts: others import them through it, bar these files, each for the reason given. */
const THROUGH_INDEX = ['articles', 'feeds', 'cards', 'websub'];
const DEEP_IMPORTS: Record<string, string> = {
  'src/cards/spec.ts -> src/articles/record/credit.ts':
    'render workers load spec.ts; articles/index.ts also loads the SQLite store, which workers must not pay for',
  'src/cards/text/language.ts -> src/articles/record/bounded-memo.ts':
    'as above: language.ts loads in the render workers',
  'src/cli/language-option.ts -> src/cards/text/language.ts':
    'checking --language must not load satori, resvg and sharp (cards/index.ts) before the command runs',
  'src/cli/main.ts -> src/cards/signing.ts': '`syndicard sign` signs without loading the renderer',
  'src/index.ts -> src/cards/signing.ts': 'the package exports URL signing only; the whole card service is not its API',
  'src/config.ts -> src/feeds/content/embed-hosts.ts':
    'every command reads the configuration: the embed default must not load the HTML sanitiser or feed writers with it',
  'src/cli/card-command.ts -> src/articles/record/schema.ts':
    '`syndicard card` from a record file parses it without loading both stores (pg, better-sqlite3) on a cold start',
  'src/setup/site.ts -> src/articles/record/site.ts':
    'as above: `syndicard card` reads the site file and opens no store',
  'src/main.ts -> src/articles/sqlite/sqlite-open.ts': "start-up's checks of the SQLite file, not a store operation",
  'src/cli/store-commands.ts -> src/articles/sqlite/sqlite-check.ts':
    '`syndicard check`: the file check, not a store operation',
};

/**
 * Modules laid out as stage folders: each folder's index.ts is its public surface; the module's other stages and
 * files import a stage through it (cards: card-service.ts; articles: index.ts alone beside its stages).
 */
const STAGES: Record<string, string[]> = {
  cards: ['text', 'fonts', 'templates', 'photo', 'compose', 'render', 'cache'],
  // The record and its validation; the store contract and what both stores share; the two stores.
  articles: ['record', 'store', 'sqlite', 'postgres'],
  // What an item publishes (made at ingest), the format-neutral model, the three writers.
  feeds: ['content', 'model', 'writers'],
};
const STAGE_DEEP_IMPORTS: Record<string, string> = {
  'src/cards/compose/compose-card.ts -> src/cards/fonts/font-assets.ts':
    'runs in the render workers, which must not load the font manifest schema (zod) that fonts/index.ts brings',
  'src/cards/compose/compose-card.ts -> src/cards/fonts/font-catalog.ts': 'as above: render workers',
  'src/cards/templates/index.ts -> src/cards/fonts/font-catalog.ts': 'as above: templates load in the render workers',
  'src/cards/spec.ts -> src/cards/text/language.ts': 'spec.ts loads in the render workers before the text pre-pass',
  'src/cards/spec.ts -> src/cards/text/script.ts': 'as above',
  'src/cards/version.ts -> src/cards/text/language.ts': 'as above: version.ts names a card in the workers too',
};

/** Files over LINE_BUDGET lines, each with why it stays one file. */
const LINE_BUDGET = 250;
const LONG_FILES: Record<string, string> = {
  'src/http/openapi.ts': 'one declarative document, route by route; splitting it would scatter the API description',
  'src/config.ts': 'every setting, its default, parsing and message in one table, read once by main.ts',
  'src/articles/postgres/postgres-store.ts':
    'one ArticleStore implementation; its SQL reads best beside the contract it keeps',
  'src/articles/sqlite/sqlite-store.ts': 'as above, for SQLite',
  'src/cards/render/render-pool.ts':
    "the pool's state machine (spawn, dispatch, crash, timeout, idle exit, close) in one place",
};

const key = ({ from, to }: Import) => `${from} -> ${to}`;

describe('src/ structure', () => {
  it('has no import cycles', () => {
    expect(imports.length).toBeGreaterThan(200);
    expect(cycles(imports)).toEqual([]);
  });

  it('imports one way: articles → feeds / cards → http / cli', () => {
    const upward = imports
      .filter(({ from, to }) => moduleOf(from) !== moduleOf(to))
      .filter(({ from, to }) => {
        const [a, b] = [RANK[moduleOf(from)], RANK[moduleOf(to)]];
        if (a === undefined || b === undefined) throw new Error(`no rank for ${moduleOf(from)} or ${moduleOf(to)}`);
        return b >= a;
      })
      .map(key);
    expect(upward, 'imports against the direction of the layers (or between modules of one rank)').toEqual([]);
  });

  it('imports articles, feeds, cards and websub through their index.ts, bar the listed exceptions', () => {
    const deep = imports
      .filter(({ from, to }) => moduleOf(from) !== moduleOf(to) && THROUGH_INDEX.includes(moduleOf(to)))
      .filter(({ to }) => to !== `src/${moduleOf(to)}/index.ts`)
      .map(key);
    expect(deep.filter((edge) => !(edge in DEEP_IMPORTS))).toEqual([]);
    // An exception that no longer happens is taken off the list.
    expect(Object.keys(DEEP_IMPORTS).filter((edge) => !deep.includes(edge))).toEqual([]);
  });

  it.each(Object.entries(STAGES))(
    'keeps src/%s as stage folders that import each other through index.ts',
    (module, stages) => {
      const stageOf = (path: string) => new RegExp(`^src/${module}/([^/]+)/`).exec(path)?.[1];
      const folders = new Set(sourceFiles(join(ROOT, `src/${module}`)).map((file) => stageOf(relative(ROOT, file))));
      folders.delete(undefined);
      expect([...folders].sort()).toEqual([...stages].sort());
      for (const stage of stages) {
        expect(() => readFileSync(join(ROOT, `src/${module}/${stage}/index.ts`)), `${stage}/index.ts`).not.toThrow();
      }
      const deep = imports
        .filter(({ from, to }) => from.startsWith(`src/${module}/`) && to.startsWith(`src/${module}/`))
        .filter(({ from, to }) => stageOf(to) !== undefined && stageOf(from) !== stageOf(to))
        .filter(({ to }) => !to.endsWith('/index.ts'))
        .map(key);
      const listed = Object.keys(STAGE_DEEP_IMPORTS).filter((edge) => edge.startsWith(`src/${module}/`));
      expect(deep.filter((edge) => !listed.includes(edge))).toEqual([]);
      expect(listed.filter((edge) => !deep.includes(edge))).toEqual([]);
    },
  );

  it(`has no file over ${LINE_BUDGET} lines but those listed with a reason`, () => {
    const lengths = Object.fromEntries(
      sourceFiles().map((file) => [relative(ROOT, file), readFileSync(file, 'utf8').split('\n').length - 1]),
    );
    const long = Object.keys(lengths).filter((file) => lengths[file]! > LINE_BUDGET);
    expect(long.filter((file) => !(file in LONG_FILES))).toEqual([]);
    expect(
      Object.keys(LONG_FILES).filter((file) => !long.includes(file)),
      'listed but no longer long',
    ).toEqual([]);
  });
});
