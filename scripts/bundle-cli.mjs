// Part of `npm run build`, after tsc: bundles the `syndicard` command (src/cli/main.ts) with esbuild into
// dist/cli/main.js, replacing tsc's, with one chunk per command beside it (dist/cli/bundle-*.js), loaded when the
// command runs. Why: a cold start of `syndicard card` through tsc's output resolves, reads and compiles ~600 ES and
// CommonJS modules one by one (zod alone ~450, satori and opentype.js scanned by Node's CommonJS lexer), which took
// most of its time on a busy machine; a bundle is a handful of files (issue 11, docs/performance.md "CLI").
//
// What stays outside the bundle, loaded from node_modules as before: native addons and packages that find files
// beside themselves at run time (resvg, better-sqlite3, pg, ioredis, pino's transports), and the service itself
// (`syndicard serve` imports dist/main.js, tsc's output, exactly as `npm start` runs it). sharp's JavaScript is
// bundled (its ~20 CommonJS dependencies cost a cold start ~30 ms of CPU); its binary and libvips (@img/*) are
// required by package name at run time, as sharp itself requires them, and resolve from node_modules.
//
// Our modules find files relative to themselves (`new URL('../../fonts', import.meta.url)`, createRequire): in the
// bundle each module's `import.meta.url` is replaced by the URL its tsc output has in dist/, so every such path means
// what it means in the unbundled build and in the render workers, which keep running tsc's dist/.
import { readFile, rm } from 'node:fs/promises';
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
      const url = `new URL(${JSON.stringify(relative(OUT, compiled))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts', resolveDir: dirname(path) };
    });
    // `syndicard serve` runs the service's own entry, tsc's dist/main.js, as `npm start` does.
    b.onResolve({ filter: /^\.\.\/main\.js$/ }, ({ importer }) =>
      importer === join(SRC, 'cli/main.ts') ? { path: '../main.js', external: true } : undefined,
    );
  },
};

await build({
  entryPoints: { main: join(SRC, 'cli/main.ts') },
  outdir: OUT,
  chunkNames: 'bundle-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [metaUrlAsInDist],
  // CommonJS packages in the bundle call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
// tsc's source map of the main.js the bundle replaced.
await rm(join(OUT, 'main.js.map'), { force: true });
