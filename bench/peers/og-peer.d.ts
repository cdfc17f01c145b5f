import type { OgRunRequest, OgRunResult } from './og-runner.js';
/** Runs og-runner.ts in a fresh child process (under tsx, like the bench itself) and returns what it measured. */
export declare function runOgPeer(request: OgRunRequest, timeoutMs: number): Promise<OgRunResult>;
