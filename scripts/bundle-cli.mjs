// Part of `npm run build`, after tsc: bundles the `syndicard` command (src/cli/main.ts) with esbuild into
// dist/cli/main.cjs, which bin/syndicard.js runs (tsc's dist/cli/main.js when the bundle is missing), and writes
// V8's code cache for it. Why: a cold start of `syndicard card` through tsc's output resolves, reads and compiles
// ~600 ES and CommonJS modules one by one (zod alone ~450, satori and opentype.js scanned by Node's CommonJS lexer),
// most of its time on a busy machine; a bundle is one file (issue 11, docs/performance.md "CLI").
//
// What stays outside the bundle, loaded from node_modules as before: native addons and packages that find files
// beside themselves at run time (resvg, better-sqlite3, pg, ioredis, pino's transports), and the service itself
// (`syndicard serve` imports dist/main.js, tsc's output, exactly as `npm start` runs it; bin/syndicard.js starts
// serve from tsc's dist/cli/main.js). sharp's JavaScript is
// bundled (its ~20 CommonJS dependencies cost a cold start ~30 ms of CPU); its binary and libvips (@img/*) are
// required by package name at run time, as sharp itself requires them, and resolve from node_modules.
//
// Our modules find files relative to themselves (`new URL('../../fonts', import.meta.url)`, createRequire): in the
// bundle each module's `import.meta.url` is replaced by the URL its tsc output has in dist/, so every such path means
// what it means in the unbundled build and in the render workers, which keep running tsc's dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'cli');
const EXTERNAL = ['@resvg/resvg-js', '@img/*', 'better-sqlite3', 'pg', 'ioredis', 'pino', 'pino-pretty'];

/** `import.meta.url` of each source module, as the URL of its tsc output relative to the bundle's folder. */
const metaUrlAsInDist = {
  name: 'import-meta-url-as-in-dist',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const compiled = join(DIST, relative(SRC, path)).replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(relative(OUT, compiled))}, __bundleUrl).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts', resolveDir: dirname(path) };
    });
    // `syndicard serve` runs the service's own entry, tsc's dist/main.js, as `npm start` does.
    b.onResolve({ filter: /^\.\.\/main\.js$/ }, ({ importer }) =>
      importer === join(SRC, 'cli/main.ts') ? { path: '../main.js', external: true } : undefined,
    );
  },
};

/**
 * Two inflaters that satori's dependencies load and run in JavaScript on every cold start, replaced in the bundle by
 * Node's zlib (scripts/bundle-shims/): tiny-inflate (linebreak's UAX #14 table, unpacked when satori loads) and fflate
 * (satori imports its inflateSync for WOFF fonts; fflate builds tables when loaded). Same bytes out
 * (tests/cli/bundle-shims.test.ts); the server and the render workers keep the packages.
 */
const inflateWithZlib = {
  name: 'inflate-with-zlib',
  setup(b) {
    b.onResolve({ filter: /^(tiny-inflate|fflate)$/ }, ({ path }) => ({
      path: join(ROOT, 'scripts/bundle-shims', `${path}.cjs`),
    }));
  },
};

// The cache of the previous bundle goes first: V8 would take it for a new bundle of the same length.
rmSync(join(OUT, 'main.cjs.v8-cache'), { force: true });
await build({
  entryPoints: [join(SRC, 'cli/main.ts')],
  outfile: join(OUT, 'main.cjs'),
  bundle: true,
  // CommonJS, one file: bin/syndicard.js compiles it with V8's code cache (below), which Node 20 offers for scripts
  // only, not ES modules. Commands stay lazy: esbuild runs a module dynamically imported only when it is imported.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [metaUrlAsInDist, inflateWithZlib],
  // The packages' own import.meta.url (sharp's createRequire) is the bundle's.
  define: { 'import.meta.url': '__bundleUrl' },
  // The file is the module already wrapped as Node wraps CommonJS (Module.wrap), so bin/syndicard.js compiles the
  // string it reads as it is: wrapping it there made a 3.6 MB concatenation that V8 copied flat before compiling.
  banner: {
    js: "(function (exports, require, module, __filename, __dirname) {const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  footer: { js: '\n})' },
  legalComments: 'linked',
  // Without comments and indentation the bundle is 3.6 MB instead of 4.5 MB and all ASCII (the comments held
  // typographic characters): V8 then keeps the source as a one-byte string, read and checked against the code cache
  // in about half the time (`syndicard --version` 260 -> 235 ms, `syndicard card` 800 -> 700 ms on a slow machine,
  // docs/performance.md "CLI"). Names are kept, so stack traces still read.
  minifyWhitespace: true,
  logLevel: 'error',
});

// V8's code cache for the bundle, taken after one text card is drawn, so it holds the functions a card compiles
// (satori, the layout, the composer), not only the top level: bin/syndicard.js hands it to V8, which checks it
// against the source and its own version and flags and compiles as usual if it does not match.
const work = mkdtempSync(join(tmpdir(), 'syndicard-build-'));
try {
  const record = JSON.parse(readFileSync(join(ROOT, 'examples/seed-article.json'), 'utf8'));
  delete record.image;
  writeFileSync(join(work, 'article.json'), JSON.stringify(record));
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/syndicard.js'), 'card', 'article.json', '-o', 'card.png'], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      SYNDICARD_DATA_DIR: join(work, 'data'),
      SYNDICARD_CODE_CACHE_WRITE: '1',
    },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`drawing a card for the code cache failed: ${run.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
