import { type ChildProcess } from 'node:child_process';
export declare const ROOT: string;
export declare function freePort(): Promise<number>;
export interface StartedService {
    child: ChildProcess;
    exited: Promise<number | null>;
    /** Resolves with everything printed so far once `text` has appeared on stdout (or after ~30 s). */
    printed(text: string): Promise<string>;
    output(): {
        stdout: string;
        stderr: string;
    };
    /** SIGTERM, then waits for the exit code. */
    stop(): Promise<number | null>;
}
/**
 * Starts `src/main.ts` as `npm start` runs it (through tsx rather than the compiled dist/, which `npm start` would
 * rebuild under every other test), with only the given settings: no variable leaks in from the test's environment.
 */
export declare function startService(env: Record<string, string>, cwd?: string): StartedService;
