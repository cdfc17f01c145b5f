import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSyndicard } from '../helpers/child-output.js';
import { makeArticle } from '../helpers/fixtures.js';
import { freePort } from '../helpers/service.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syndicard-first-run-'));
  dirs.push(dir);
  return dir;
}

/** The CLI as a user runs it: in `cwd`, with only PATH and the given settings. */
function syndicard(args: string[], cwd: string, env: Record<string, string> = {}) {
  return runSyndicard(args, { PATH: process.env.PATH ?? '', ...env }, cwd);
}

// Each run starts the CLI (and a renderer process for cards): room for a loaded machine.
describe('mistakes on the command line', { timeout: 120_000 }, () => {
  it('card <id> for an id that does not exist says so and creates nothing (no ./data/syndicard.db)', async () => {
    const cwd = tempDir();
    const run = await syndicard(['card', 'no-such-article', '-o', 'card.png'], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `syndicard: no file "no-such-article", and no store to look the id up in: ${cwd}/data/syndicard.db does not exist (SYNDICARD_DATA_DIR is ${cwd}/data)\n`,
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('card with an output name it cannot use creates nothing either', async () => {
    const cwd = tempDir();
    const record = join(tempDir(), 'article.json');
    writeFileSync(record, JSON.stringify(makeArticle()));
    const run = await syndicard(['card', record, '-o', 'card.gif'], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'syndicard: cannot tell the format from "card.gif": name the output .png or .jpg, or pass --format\n',
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('card prints one plain line for a photo it cannot get, draws the plain card, and writes only its output', async () => {
    const cwd = tempDir();
    const out = tempDir();
    const photo = `http://127.0.0.1:${await freePort()}/photo.jpg`; // nothing listens there: connection refused
    const record = join(out, 'article.json');
    writeFileSync(record, JSON.stringify(makeArticle({ image: { url: photo, credit: 'Photo by Jane Doe' } })));
    const run = await syndicard(['card', record, '-o', join(out, 'card.png')], cwd, {
      SYNDICARD_IMAGE_ALLOW: '127.0.0.1',
    });
    expect(run.stderr).toBe(
      `syndicard: warning: card photo ${photo} not loaded: connection refused; drawing the card without it\n`,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/card\.png: 1200×630 PNG, \d+ bytes, plain template\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('sign without a key says ad-hoc cards are off and how to turn them on', async () => {
    const run = await syndicard(['sign', '--headline', 'Hello'], tempDir());
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('syndicard: ad-hoc cards are not enabled: set SYNDICARD_SIGNING_KEYS\n');
    expect(run.stdout).toBe('');
  });

  it.each([
    [{}, [], 'http://127.0.0.1:3000', 'the default HOST and PORT; SYNDICARD_BASE_URL or --base-url to change it'],
    [{ PORT: '4567' }, [], 'http://127.0.0.1:4567', 'PORT; SYNDICARD_BASE_URL or --base-url to change it'],
    [
      { HOST: '::1', PORT: '4567' },
      [],
      'http://[::1]:4567',
      'HOST and PORT; SYNDICARD_BASE_URL or --base-url to change it',
    ],
    [
      { PORT: '4567', SYNDICARD_BASE_URL: 'https://cards.example.test' },
      [],
      'https://cards.example.test',
      'SYNDICARD_BASE_URL',
    ],
    [{ PORT: '4567' }, ['--base-url', 'https://other.example.test/'], 'https://other.example.test', '--base-url'],
  ])('sign takes the address from %j %j and says which it used', async (env, flags, origin, source) => {
    const run = await syndicard(['sign', '--headline', 'Hello', ...flags], tempDir(), {
      SYNDICARD_SIGNING_KEYS: 'a-signing-key-0123456789',
      ...env,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`syndicard: URL for the server at ${origin} (from ${source})\n`);
    expect(run.stdout.startsWith(`${origin}/og.png?headline=Hello&sig=`)).toBe(true);
  });
});
