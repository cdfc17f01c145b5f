import { runInChild } from '../lib/one-shot-child.js';
import type { OgRunRequest, OgRunResult } from './og-runner.js';

/** Runs og-runner.ts in a fresh child process (under tsx, like the bench itself) and returns what it measured. */
export function runOgPeer(request: OgRunRequest, timeoutMs: number): Promise<OgRunResult> {
  return runInChild(new URL('./og-runner.ts', import.meta.url), request, `@vercel/og (${request.path}) run`, timeoutMs);
}
