import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CARD_QUERY_FIELDS,
  type CardQuery,
  canonicalCardQuery,
  signCardQuery,
  signCardUrl,
} from '../../src/cards/index.js';
import { binaryParser, useTestApp } from '../helpers/app.js';

/**
 * docs/signing.md specifies the signed-URL scheme for publishers whose CMS is not written in TypeScript. The test
 * vectors there are checked against the service's own signer, and the PHP, Python and Go examples in
 * examples/signing/ are run (with Debian's interpreters, installed by .ci/run) against the vectors and against a
 * running service.
 */

interface Vector {
  name: string;
  format: 'png' | 'jpeg';
  query: CardQuery & Record<string, string>;
  canonical: string;
  sig: string;
  url: string;
}
interface VectorFile {
  key: string;
  baseUrl: string;
  vectors: Vector[];
}

const root = join(import.meta.dirname, '../..');
const file = JSON.parse(readFileSync(join(root, 'docs/signing-test-vectors.json'), 'utf8')) as VectorFile;
const examples = join(root, 'examples/signing');
// Go keeps its build cache under $HOME; CI's HOME may not be writable or may be shared, so give it its own.
const goEnv = { ...process.env, GOCACHE: mkdtempSync(join(tmpdir(), 'syndicard-go-')), GO111MODULE: 'off' };

const signers = {
  python: ['python3', [join(examples, 'sign_card_url.py')], process.env],
  php: ['php', [join(examples, 'sign_card_url.php')], process.env],
  go: ['go', ['run', join(examples, 'sign_card_url.go')], goEnv],
} as const;

interface SignRequest {
  baseUrl: string;
  key: string;
  format: 'png' | 'jpeg';
  query: Record<string, string>;
}

/** Runs one language's example with a list of requests on stdin; one URL per line comes back. */
function signWith(language: keyof typeof signers, requests: SignRequest[]): string[] {
  const [command, args, env] = signers[language];
  const run = spawnSync(command, [...args], {
    input: JSON.stringify(requests),
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (run.error) throw new Error(`${command} could not be run (does .ci/run install it?): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${command} exited ${run.status}: ${run.stderr}`);
  return run.stdout.trimEnd().split('\n');
}

describe('the published test vectors', () => {
  it('cover every signed field, so a new field needs new vectors', () => {
    const covered = new Set(file.vectors.flatMap((v) => Object.keys(v.query)));
    for (const field of CARD_QUERY_FIELDS) expect(covered, `no vector has "${field}"`).toContain(field);
  });

  it.each(file.vectors)('$name: the service signs exactly as documented', (vector) => {
    expect(canonicalCardQuery(vector.query)).toBe(vector.canonical);
    expect(signCardQuery(vector.query, file.key)).toBe(vector.sig);
    expect(signCardUrl(vector.query, { baseUrl: file.baseUrl, key: file.key, format: vector.format })).toBe(vector.url);
  });
});

describe.each(Object.keys(signers) as (keyof typeof signers)[])('the %s example', (language) => {
  const t = useTestApp({ env: { SYNDICARD_SIGNING_KEYS: file.key } });

  it('produces every test vector', () => {
    const urls = signWith(
      language,
      file.vectors.map((v) => ({ baseUrl: file.baseUrl, key: file.key, format: v.format, query: v.query })),
    );
    expect(urls).toEqual(file.vectors.map((v) => v.url));
  });

  it('signs a URL the running service accepts, and the service refuses it tampered', async () => {
    const query = {
      headline: `Signed in ${language}: “quotes”, 50% & more`,
      credit: 'Photo by Jane Doe',
      template: 'plain',
    };
    const [url] = signWith(language, [{ baseUrl: 'http://127.0.0.1:3000', key: file.key, format: 'png', query }]);
    const path = new URL(url!).pathname + new URL(url!).search;

    const ok = await t().request.get(path).buffer(true).parse(binaryParser);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect((ok.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');

    const tampered = path.replace('Signed%20in', 'Signed%20by');
    expect(tampered).not.toBe(path);
    const refused = await t().request.get(tampered);
    expect(refused.status).toBe(403);
  });
});
