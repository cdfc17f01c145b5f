import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../errors.js';

/**
 * Makes a directory (and its missing parents) and proves it can be written, or says which path failed and why.
 * Not `mkdir(…, { recursive: true })`: on Node 20 that never returns for a path under /proc (it loops on ENOENT at
 * 100 % CPU), so the parents are made one at a time from the nearest one that exists.
 */
export function ensureWritableDirectory(path: string, setting?: string): void {
  const target = resolve(path);
  const missing: string[] = [];
  for (let current = target; ; current = dirname(current)) {
    const stat = statOrUndefined(current, target, setting);
    if (stat?.isDirectory()) break;
    if (stat) throw unusable(target, setting, `${current} exists and is not a directory`);
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw unusable(target, setting, `cannot create ${dir}: ${describe(err)}`, err);
      }
    }
  }
  // Permission bits do not tell (root ignores them; read-only mounts and immutable directories do not show in
  // them): a file actually written and removed does.
  const probe = join(target, `.write-test-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw unusable(target, setting, `cannot write in it: ${describe(err)}`, err);
  }
}

function statOrUndefined(path: string, target: string, setting: string | undefined) {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw unusable(target, setting, `cannot look at ${path}: ${describe(err)}`, err);
  }
}

function describe(err: unknown): string {
  const { code, message } = err as NodeJS.ErrnoException;
  const reason = message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return code ? `${code} (${reason})` : reason;
}

function unusable(target: string, setting: string | undefined, why: string, cause?: unknown): AppError {
  return new AppError(
    'DATA_DIR_UNUSABLE',
    `data directory ${target}${setting ? ` (${setting})` : ''} cannot be used: ${why}`,
    {
      cause,
      expose: false,
    },
  );
}
