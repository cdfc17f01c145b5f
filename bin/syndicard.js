#!/usr/bin/env node
// The `syndicard` command: the compiled CLI in dist/, which `npm install` builds (the `prepare` script) and
// `npm run build` rebuilds. Plain JavaScript from the first line: no TypeScript loader at run time.
//
// dist/cli/main.cjs is the command bundled into one script (scripts/bundle-cli.mjs), compiled here with the V8 code
// cache the build took after drawing a card: a cold `syndicard card` then neither resolves hundreds of modules nor
// parses and compiles satori and the card stages again (docs/performance.md, CLI). V8 checks the cache against the
// source's length, its version and its flags, and compiles as usual when it does not match. Without the bundle (a
// build by tsc alone), tsc's dist/cli/main.js runs instead.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cli/main.cjs', import.meta.url));
const entry = new URL('../dist/cli/main.js', import.meta.url);
// `syndicard serve` runs the service's own entry, dist/main.js, which the bundle would import: Node 20 cannot import
// from a script compiled with a code cache, and a long-running server gains nothing from it, so it starts from tsc's
// dist/cli/main.js.
const serve = process.argv.slice(2).find((arg) => !arg.startsWith('-')) === 'serve';
if (existsSync(bundle) && !serve) {
  const cacheFile = `${bundle}.v8-cache`;
  // V8 matches a cache to its source by length, not content: only a cache written after this bundle is used.
  // The bundle is pure ASCII (tests/cli/compiled-cli.test.ts), so Latin-1 reads the same string, and ~25 % faster
  // than UTF-8, which Node checks byte by byte.
  const cache = statSync(cacheFile, { throwIfNoEntry: false });
  const fresh = cache && cache.mtimeMs >= statSync(bundle).mtimeMs;
  // The bundle is written already wrapped as a CommonJS module function (scripts/bundle-cli.mjs): compiled as read,
  // not as a concatenation (Module.wrap) that V8 would first copy into one flat 3.6 MB string.
  const script = new Script(readFileSync(bundle, 'latin1'), {
    filename: bundle,
    cachedData: fresh ? readFileSync(cacheFile) : undefined,
  });
  // The build draws one card with this set, then keeps what V8 compiled for it.
  if (process.env.SYNDICARD_CODE_CACHE_WRITE === '1') {
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
} else if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write(
    `syndicard: ${entry.pathname} is missing: build it with "npm run build" in ${new URL('..', import.meta.url).pathname} (npm install does it too)\n`,
  );
  process.exit(1);
}
