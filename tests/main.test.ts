import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/articles/index.js';
import { regionStats } from './helpers/region.js';
import { freePort, ROOT, type StartedService, startService } from './helpers/service.js';

const run = promisify(execFile);
const services: StartedService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory that does not exist yet, inside a temporary folder the test removes. */
function newDataDir(): string {
  const parent = mkdtempSync(join(tmpdir(), 'syndicard-main-'));
  dirs.push(parent);
  return join(parent, 'data');
}

function start(env: Record<string, string>): StartedService {
  const service = startService(env);
  services.push(service);
  return service;
}

const DEMO_IDS = [
  'city-council-approves-riverside-park',
  'night-trains-return-to-the-coast',
  'review-the-lighthouse-keepers',
];
const DEMO_CREDIT = 'Illustration by the syndicard project (CC0)';
const SEED = JSON.parse(readFileSync(join(ROOT, 'examples/seed-article.json'), 'utf8')) as { id: string };

// Each start compiles the sources through tsx on a loaded machine: minutes of room, never a timing assertion.
describe('npm start (src/main.ts)', { timeout: 180_000 }, () => {
  it('loads the demo into the data directory it creates, prints the token once, and stops on SIGTERM', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const first = start({ PORT: String(port), SYNDICARD_DATA_DIR: dataDir });
    const stdout = await first.printed('try:');
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`syndicard listening on http://127.0.0.1:${port} (public URL http://127.0.0.1:${port})`);
    expect(stdout).toContain(`feed:  http://127.0.0.1:${port}/feed.rss`);
    expect(stdout).toContain(`data:  ${dataDir} (new: loaded 3 demo articles; SYNDICARD_DEMO=0 turns this off)`);
    expect(stdout).toContain(`API token (generated now, kept in ${dataDir}/api-token): ${token}`);
    expect(stdout).not.toMatch(/<token>|<id>/);

    // The try: line runs as printed (from the repository, where examples/ is) and stores the seed article.
    const tryLine = lines
      .find((line) => line.startsWith('  try:'))!
      .replace('  try:', '')
      .trim();
    await run('sh', ['-c', tryLine], { cwd: ROOT });
    const api = await fetch(`http://127.0.0.1:${port}/api/articles/${SEED.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { article: { id: string } }).article.id).toBe(SEED.id);

    expect(await first.stop()).toBe(0);

    // A second start on the same directory: no demo, and the token is not printed again, only where it is kept.
    const second = start({ PORT: String(port), SYNDICARD_DATA_DIR: dataDir });
    const again = await second.printed('try:');
    expect(again).toContain(`  API token: kept in ${dataDir}/api-token\n`);
    expect(again).not.toContain(token);
    expect(again).not.toContain('demo');
    const rss = await (await fetch(`http://127.0.0.1:${port}/feed.rss`)).text();
    expect(rss.match(/<item>/g)).toHaveLength(4);
    expect(await second.stop()).toBe(0);
  });

  it('shows the demo as photo cards with credits, from its own bundled photos, at /, on pages and in Media RSS', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const service = start({ PORT: String(port), SYNDICARD_DATA_DIR: newDataDir() });
    await service.printed('try:');

    const home = await (await fetch(`${origin}/`)).text();
    for (const id of DEMO_IDS) expect(home).toContain(`<img src="/cards/${id}.jpg"`);
    expect(home.split(`Credit: ${DEMO_CREDIT}`)).toHaveLength(4);

    for (const id of DEMO_IDS) {
      const res = await fetch(`${origin}/cards/${id}.jpg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-card-template')).toBe('photo');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(await sharp(bytes).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
      // The plain design has a solid accent stripe (#e11d48) down its left 20 px; a photo card has the photo there.
      const stripe = await regionStats(bytes, { left: 0, top: 150, width: 20, height: 480 });
      const [r, g, b] = stripe.mean;
      expect(Math.abs(r! - 0xe1) + Math.abs(g! - 0x1d) + Math.abs(b! - 0x48)).toBeGreaterThan(60);

      const page = await (await fetch(`${origin}/articles/${id}`)).text();
      expect(page).toMatch(new RegExp(`<meta property="og:image" content="${origin}/cards/${id}/[\\w-]+\\.jpg"`));
    }

    const rss = await (await fetch(`${origin}/feed.rss`)).text();
    expect(rss.split(`<media:credit>${DEMO_CREDIT}</media:credit>`)).toHaveLength(4);
    const photoUrl = /<media:content url="([^"]+)"/.exec(rss)![1]!;
    expect(photoUrl).toMatch(new RegExp(`^${origin}/media/demo/[a-z-]+\\.jpg$`));
    const photo = await fetch(photoUrl);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const file = photoUrl.slice(`${origin}/media/`.length);
    expect(Buffer.from(await photo.arrayBuffer()).equals(readFileSync(join(ROOT, 'media', file)))).toBe(true);
    // Nothing was fetched, nothing failed: no warning at all.
    expect(service.output().stderr).toBe('');
  });

  it("gives the seed article in examples/ a photo card on the service's default public address", async () => {
    // The seed's photo is http://127.0.0.1:3000/media/demo/city-dusk.jpg. The service listens on a free port and is
    // told its public URL is the default one, as behind a proxy: the photo is its own, read from disk.
    const port = await freePort();
    const service = start({
      PORT: String(port),
      SYNDICARD_BASE_URL: 'http://127.0.0.1:3000',
      SYNDICARD_DATA_DIR: newDataDir(),
      SYNDICARD_API_TOKENS: 'a-token-for-this-test-only',
    });
    await service.printed('API:');
    const put = await fetch(`http://127.0.0.1:${port}/api/articles/${SEED.id}`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer a-token-for-this-test-only', 'Content-Type': 'application/json' },
      body: readFileSync(join(ROOT, 'examples/seed-article.json')),
    });
    expect(put.status).toBe(201);
    const card = await fetch(`http://127.0.0.1:${port}/cards/${SEED.id}.jpg`);
    expect(card.headers.get('x-card-template')).toBe('photo');
    expect(service.output().stderr).toBe('');
  });

  it('never loads the demo into an existing store, even an empty one', async () => {
    const dataDir = newDataDir();
    mkdirSync(dataDir);
    // What a first import that failed leaves: an empty store.
    await createSqliteStore({ path: join(dataDir, 'syndicard.db') }).close();
    const port = await freePort();
    const service = start({ PORT: String(port), SYNDICARD_DATA_DIR: dataDir });
    const stdout = await service.printed('try:');
    expect(stdout).toContain(`data:  ${dataDir}\n`);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { articles: number };
    expect(health.articles).toBe(0);
  });

  it('refuses a bad HOST naming HOST, not a setting the user never set, and creates nothing', async () => {
    const dataDir = newDataDir();
    const service = start({ HOST: '999.1.1.1', SYNDICARD_DATA_DIR: dataDir });
    expect(await service.exited).toBe(1);
    expect(service.output().stderr).toBe(
      'syndicard could not start: invalid configuration:\n' +
        '  - HOST: must be an IP address or a host name such as 127.0.0.1, 0.0.0.0, :: or localhost, got "999.1.1.1"\n',
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses to start with bad settings, naming every one', async () => {
    const service = start({ PORT: 'http', SYNDICARD_BASE_URL: 'not a url', SYNDICARD_DATA_DIR: newDataDir() });
    expect(await service.exited).toBe(1);
    const { stderr } = service.output();
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('SYNDICARD_BASE_URL');
  });

  it('stops with a message naming the site file when it is missing, before creating the data directory', async () => {
    const dataDir = newDataDir();
    const service = start({
      SYNDICARD_DATA_DIR: dataDir,
      SYNDICARD_SITE: '/nonexistent/site.json',
      PORT: String(await freePort()),
    });
    expect(await service.exited).toBe(1);
    expect(service.output().stderr).toContain('/nonexistent/site.json (SYNDICARD_SITE)');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names PORT when the port is taken', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), SYNDICARD_DATA_DIR: newDataDir() });
    await first.printed('try:');
    const second = start({ PORT: String(port), SYNDICARD_DATA_DIR: newDataDir() });
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toBe(
      `syndicard could not start: cannot listen on HOST=127.0.0.1 PORT=${port}: port ${port} is already in use (PORT)\n`,
    );
  });
});
