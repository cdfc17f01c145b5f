import type { Context, Middleware } from 'koa';
import getRawBody from 'raw-body';
import { jsonDepthOver, MAX_JSON_DEPTH } from '../../articles/index.js';
import { httpError } from '../http-error.js';

/**
 * Reads a JSON request body with a byte limit, into `ctx.state.body`. 415 for another content type, 413 past the
 * limit (checked against Content-Length first, then while streaming, so a huge body is never buffered), 400 for
 * malformed JSON with the parser's own words, 400 JSON_TOO_DEEP for nesting past MAX_JSON_DEPTH (checked on the text).
 */
export function jsonBody(limitBytes: number): Middleware {
  return async function readJsonBody(ctx, next) {
    ctx.state.body = await readJson(ctx, limitBytes);
    await next();
  };
}

async function readJson(ctx: Context, limitBytes: number): Promise<unknown> {
  if (!ctx.request.type) {
    throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'request body must be JSON: send Content-Type: application/json');
  }
  if (!ctx.is('application/json', '+json')) {
    throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', `request body must be application/json, got ${ctx.request.type}`);
  }
  const charset = ctx.request.charset || 'utf-8';
  if (!/^utf-?8$/i.test(charset)) {
    throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', `request body must be UTF-8 encoded, got charset=${charset}`);
  }
  let text: string;
  try {
    text = await getRawBody(ctx.req, {
      length: ctx.get('content-length') || undefined,
      limit: limitBytes,
      encoding: 'utf-8',
    });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      throw httpError(
        413,
        'PAYLOAD_TOO_LARGE',
        `request body is over the limit of ${limitBytes} bytes (SYNDICARD_BODY_LIMIT)`,
      );
    }
    throw httpError(400, 'BAD_BODY', `could not read the request body: ${(err as Error).message}`);
  }
  if (text.trim() === '') throw httpError(400, 'MALFORMED_JSON', 'request body is empty; expected a JSON object');
  if (jsonDepthOver(text, MAX_JSON_DEPTH)) {
    throw httpError(
      400,
      'JSON_TOO_DEEP',
      `request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw httpError(400, 'MALFORMED_JSON', `request body is not valid JSON: ${(err as Error).message}`);
  }
}
