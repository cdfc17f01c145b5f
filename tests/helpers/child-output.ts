import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `syndicard` command as a user starts it (the bin file, which runs the compiled dist/). */
export const BIN = fileURLToPath(new URL('../../bin/syndicard.js', import.meta.url));

export interface ChildRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Collects a child's output as text. `done` settles on 'close', not 'exit': only then are both streams flushed, so
 * a last line written just before exiting is never missing from what the test asserts.
 */
export function collectOutput(child: ChildProcessWithoutNullStreams) {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<ChildRun>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `syndicard args…` to its end with exactly the environment given (nothing of the test runner's unless passed). */
export function runSyndicard(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<ChildRun> {
  return collectOutput(spawn(process.execPath, [BIN, ...args], { cwd, env })).done;
}
