import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OgRunRequest, OgRunResult } from './og-runner.js';

/** Runs og-runner.ts in a fresh child process (under tsx, like the bench itself) and returns what it measured. */
export function runOgPeer(request: OgRunRequest, timeoutMs: number): Promise<OgRunResult> {
  const entry = fileURLToPath(new URL('./og-runner.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`@vercel/og (${request.path}) run took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (message: { ok: true; result: OgRunResult } | { ok: false; message: string }) => {
      clearTimeout(timer);
      if (message.ok) resolve(message.result);
      else reject(new Error(`@vercel/og (${request.path}) failed: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`@vercel/og (${request.path}) runner exited (${signal ?? `code ${code}`}) without a result`));
    });
    child.send(request);
  });
}
