#!/usr/bin/env node
// The `syndicard` command: the compiled CLI in dist/, which `npm install` builds (the `prepare` script) and
// `npm run build` rebuilds. Plain JavaScript from the first line: no TypeScript loader at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    `syndicard: ${entry.pathname} is missing: build it with "npm run build" in ${new URL('..', import.meta.url).pathname} (npm install does it too)\n`,
  );
  process.exit(1);
}
await import(entry.href);
