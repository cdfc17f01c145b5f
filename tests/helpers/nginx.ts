import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Debian's nginx (nginx-light, installed by .ci/run) running deploy/nginx.conf from a temporary prefix: the cache,
 * temp files, logs and pid live there; only the listen address, the upstream servers and the cache path are
 * changed, and the test fails if any of those lines moved so the substitution no longer applies.
 */
export const DEPLOY_NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url));

/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

export interface RunningNginx {
  origin: string;
  prefix: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (nginx needs a number up front; the window for a clash is tiny). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function substitute(conf: string, from: RegExp, to: string): string {
  if (!from.test(conf)) throw new Error(`deploy/nginx.conf no longer has a line matching ${from}`);
  return conf.replace(from, to);
}

export async function startNginx(upstreamPorts: readonly number[]): Promise<RunningNginx> {
  const which = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
  if (which.error) throw new Error(`nginx could not run (apt-get install -y nginx-light): ${which.error.message}`);
  const prefix = mkdtempSync(join(tmpdir(), 'syndicard-nginx-'));
  const port = await freePort();
  let site = readFileSync(DEPLOY_NGINX_CONF, 'utf8');
  site = substitute(site, /proxy_cache_path \/var\/cache\/nginx\/syndicard /, `proxy_cache_path ${prefix}/cache `);
  site = substitute(
    site,
    /(upstream syndicard \{\n)(?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/,
    `$1${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;\n`).join('')}`,
  );
  site = substitute(site, /listen 80;/, `listen 127.0.0.1:${port};`);
  site = substitute(site, /\n\s*listen \[::\]:80;/, '');
  writeFileSync(join(prefix, 'syndicard.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${prefix}/${name}-temp;`)
    .join('\n');
  // Workers drop to `nobody` when the master runs as root, and the temporary prefix is private to root: only then
  // do they stay root (this config is the test's, never the deployed one).
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `${user}worker_processes 1;\nevents { worker_connections 512; }\nhttp {\n  access_log ${prefix}/access.log;\n${temp}\n  include ${prefix}/syndicard.conf;\n}\n`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    [
      '-p',
      prefix,
      '-c',
      join(prefix, 'nginx.conf'),
      '-e',
      join(prefix, 'error.log'),
      '-g',
      `daemon off; pid ${prefix}/nginx.pid;`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    const up = await fetch(`${origin}/robots.txt`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${origin} within 30 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    prefix,
    errorLog: () => readFileSync(join(prefix, 'error.log'), 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
