import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'koa';
import { httpError } from './http-error.js';

/**
 * Serves a fixed list of files from one folder (the pages' own scripts and styles, Swagger UI's bundle): any other
 * name is a 404, so a path can never reach outside the list. Each file is read once, on first request.
 */
export function staticFiles(
  dir: string,
  types: Readonly<Record<string, string>>,
  cacheControl: string,
  notFound: (file: string) => string,
) {
  const files = new Map<string, Buffer>();
  return async function sendStaticFile(ctx: Context, file: string): Promise<void> {
    const type = Object.hasOwn(types, file) ? types[file] : undefined;
    if (!type) throw httpError(404, 'NOT_FOUND', notFound(file.slice(0, 80)));
    let body = files.get(file);
    if (!body) {
      body = await readFile(join(dir, file));
      files.set(file, body);
    }
    ctx.type = type;
    ctx.set('Cache-Control', cacheControl);
    ctx.body = body;
  };
}
