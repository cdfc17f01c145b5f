import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/articles/index.js';
import { makeArticle, TEST_TOKEN } from './helpers/fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
let dir: string | undefined;
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, tries = 1200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('npm start under a process manager', () => {
  it('SIGTERM to the npm process drains a request in flight (full answer, data stored) and stops node, exit 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'syndicard-npm-start-'));
    const port = await freePort();
    // The real `npm start` (prestart builds, then `exec node dist/main.js`), as a container runtime would start it.
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        PORT: String(port),
        SYNDICARD_DATA_DIR: dir,
        SYNDICARD_API_TOKENS: TEST_TOKEN,
        SYNDICARD_DEMO: '0',
        SYNDICARD_LOG_LEVEL: 'info',
      },
    });
    children.push(npm);
    let stdout = '';
    let stderr = '';
    npm.stdout!.on('data', (d) => {
      stdout += d;
    });
    npm.stderr!.on('data', (d) => {
      stderr += d;
    });
    const npmExit = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    await until(() => stdout.includes('syndicard listening on') || npm.exitCode !== null, 'the service to listen');
    expect(stderr).not.toContain('could not start');
    expect(stdout).toContain(`syndicard listening on http://127.0.0.1:${port}`);

    // Nothing but node between npm and the service: npm's only child is node itself.
    const nodePid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.pid)], { encoding: 'utf8' }).trim());
    expect(execFileSync('ps', ['-o', 'args=', '-p', String(nodePid)], { encoding: 'utf8' })).toMatch(
      /^node dist\/main\.js/,
    );

    // A slow upload: the headers go now (the server answers 100 Continue once it is handling the request), the
    // body only after SIGTERM has reached the service.
    const body = JSON.stringify(makeArticle({ id: 'in-flight', headline: 'Sent while the service was stopping' }));
    const half = Math.floor(body.length / 2);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: '/api/articles/in-flight',
      headers: {
        Authorization: `Bearer ${TEST_TOKEN}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        Expect: '100-continue',
      },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve) => req.on('continue', resolve));
    req.write(body.slice(0, half));

    npm.kill('SIGTERM');
    await until(() => stdout.includes('shutting down'), 'the service to start draining');
    // New connections are no longer accepted while the one in flight is finished.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    req.end(body.slice(half));

    const answer = await response;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text).article.headline).toBe('Sent while the service was stopping');
    expect(await npmExit).toBe(0);
    await until(() => !alive(nodePid), 'node to exit', 100);
    expect(alive(nodePid)).toBe(false);

    const store = createSqliteStore({ path: join(dir, 'syndicard.db') });
    try {
      expect((await store.get('in-flight'))?.article.headline).toBe('Sent while the service was stopping');
    } finally {
      await store.close();
    }
  }, 300_000);
});
