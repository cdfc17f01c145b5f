import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCardUrl } from '../../src/index.js';

/**
 * `import { signCardUrl } from 'syndicard'` as a Node user writes it: a project of its own with syndicard in its
 * node_modules (a symlink to this checkout, as `npm install ../syndicard` makes), resolved through the package's
 * `exports` map to the compiled dist/ and its types. `npm install` builds dist/ (the `prepare` script); a checkout whose
 * dist/ is missing or older than the sources is built by the tests' global setup (tests/helpers/build-dist.ts).
 */

const root = join(import.meta.dirname, '../..');
let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'syndicard-user-'));
  await mkdir(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules/syndicard'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
}, 300_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const query = { headline: 'Signed from a Node project', credit: 'Photo by Jane Doe', lang: 'en' };
const options = { baseUrl: 'https://cards.example.com', key: 'exports-test-key-0123456789' };

describe("import { signCardUrl } from 'syndicard'", () => {
  it('resolves through the exports map and signs as the service does', () => {
    writeFileSync(
      join(project, 'sign.js'),
      `import { signCardUrl } from 'syndicard';\nconsole.log(signCardUrl(${JSON.stringify(query)}, ${JSON.stringify(options)}));\n`,
    );
    const url = execFileSync(process.execPath, ['sign.js'], { cwd: project, encoding: 'utf8' }).trim();
    expect(url).toBe(signCardUrl(query, options));
  });

  it('comes with types a TypeScript project type-checks against', () => {
    writeFileSync(
      join(project, 'sign.ts'),
      [
        "import { type CardQuery, signCardUrl } from 'syndicard';",
        `const query: CardQuery = ${JSON.stringify(query)};`,
        'export const url: string = signCardUrl(query, { baseUrl: "https://x.example", key: "k".repeat(16) });',
        '// @ts-expect-error: a field the scheme does not sign is a type error',
        'export const bad: CardQuery = { colour: "red" };',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })).not.toThrow();
  }, 120_000);
});
