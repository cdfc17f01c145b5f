import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface StartedService {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves with everything printed so far once `text` has appeared on stdout (or after ~30 s). */
  printed(text: string): Promise<string>;
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `src/main.ts` as `npm start` runs it (through tsx rather than the compiled dist/, which `npm start` would
 * rebuild under every other test), with only the given settings: no variable leaks in from the test's environment.
 */
export function startService(env: Record<string, string>, cwd = ROOT): StartedService {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', SYNDICARD_LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    exited,
    async printed(text) {
      for (let i = 0; i < 300 && !stdout.includes(text) && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      return stdout;
    },
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
