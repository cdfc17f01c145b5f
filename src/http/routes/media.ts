import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Router from '@koa/router';
import { MEDIA_TYPES, mediaFileOf } from '../../cards/index.js';
import { httpError } from '../http-error.js';

export interface MediaDeps {
  /** MEDIA_DIR: the bundled media folder. */
  dir: string;
}

/**
 * `GET /media/<folder>/<file>`: the service's own bundled media (the demo photos), so the demo's Media RSS, pages and
 * cards point at images that exist. The files ship with the release and never change under one name while it runs.
 */
export function mediaRoutes({ dir }: MediaDeps): Router {
  const router = new Router();
  const files = new Map<string, { bytes: Buffer; etag: string }>();

  router.get('/media/:folder/:file', async (ctx) => {
    const name = mediaFileOf(ctx.path);
    const notFound = () => httpError(404, 'MEDIA_NOT_FOUND', `no bundled media file at ${ctx.path}`);
    if (name === undefined) throw notFound();
    let file = files.get(name);
    if (!file) {
      const bytes = await readFile(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw notFound();
        throw error;
      });
      file = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
      files.set(name, file);
    }
    ctx.status = 200;
    ctx.set('ETag', file.etag);
    ctx.set('Cache-Control', 'public, max-age=86400');
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = MEDIA_TYPES[name.endsWith('.png') ? 'png' : 'jpg'];
    ctx.body = file.bytes;
  });

  return router;
}
