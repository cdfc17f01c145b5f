import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `src/main.ts` as `npm start` does (through tsx), with only the given settings. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SYNDICARD_LOG_LEVEL: 'warn', ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const printed = async (text: string) => {
    for (let i = 0; i < 300 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    return stdout;
  };
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

// Each test starts a process through tsx: seconds on a quiet machine, many more on a loaded CI machine.
describe('npm start (src/main.ts)', { timeout: 90_000 }, () => {
  it('starts on embedded defaults, loads the demo, prints feeds and a kept token, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'syndicard-main-'));
    dirs.push(dataDir);
    const port = await freePort();
    const app = start({ PORT: String(port), SYNDICARD_DATA_DIR: dataDir });
    const stdout = await app.printed('API token');
    expect(stdout).toContain(`syndicard listening on http://127.0.0.1:${port}`);
    expect(stdout).toContain(`feed:  http://127.0.0.1:${port}/feed.rss`);
    expect(stdout).toContain('loaded 3 demo articles');
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    expect(stdout).toContain(token);

    const rss = await (await fetch(`http://127.0.0.1:${port}/feed.rss`)).text();
    expect(rss.match(/<item>/g)).toHaveLength(3);
    const api = await fetch(`http://127.0.0.1:${port}/api/articles`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('refuses to start with a bad setting, naming every one', async () => {
    const app = start({ PORT: 'http', SYNDICARD_BASE_URL: 'not a url', SYNDICARD_DATA_DIR: join(tmpdir(), 'unused') });
    expect(await app.exited).toBe(1);
    const { stderr } = app.output();
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('SYNDICARD_BASE_URL');
  });

  it('stops with a message naming the site file when it is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'syndicard-main-'));
    dirs.push(dataDir);
    const app = start({
      SYNDICARD_DATA_DIR: dataDir,
      SYNDICARD_SITE: '/nonexistent/site.json',
      PORT: String(await freePort()),
    });
    expect(await app.exited).toBe(1);
    expect(app.output().stderr).toContain('/nonexistent/site.json (SYNDICARD_SITE)');
  });
});
