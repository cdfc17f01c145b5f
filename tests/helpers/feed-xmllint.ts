import { spawnSync } from 'node:child_process';

/**
 * Runs Debian's xmllint (libxml2-utils). Tests that need it fail, not skip, when it is missing: CI installs it.
 */
export interface XmllintResult {
  status: number;
  output: string;
}

export function runXmllint(args: readonly string[], input?: string): XmllintResult {
  const result = spawnSync('xmllint', [...args], { input, encoding: 'utf8' });
  if (result.error) {
    throw new Error(`xmllint could not run (apt-get install -y libxml2-utils): ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
