import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Koa from 'koa';
import { pino } from 'pino';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError, ERRORS, type ErrorCode } from '../../src/errors.js';
import { errorHandler } from '../../src/http/middleware/error-handler.js';
import { useTestApp } from '../helpers/app.js';

/**
 * One error family: every code the service raises is listed once in ERRORS (src/errors.ts) with its status and
 * meaning. TypeScript already refuses a code that is not listed, or an httpError status that is not the code's; these
 * tests hold the rest: the list has no dead codes, /openapi.json describes errors from it, and errors that are not
 * ours (Koa's, Node's, a library's) still answer a listed code.
 */

const SRC = join(import.meta.dirname, '../../src');
const codes = Object.keys(ERRORS) as ErrorCode[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('ERRORS, the list of error codes', () => {
  it('holds UPPER_SNAKE codes with a 4xx or 5xx status and a meaning each', () => {
    for (const code of codes) {
      const { status, meaning } = ERRORS[code];
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(status >= 400 && status <= 599, `${code}: status ${status}`).toBe(true);
      expect(meaning.length, `${code} has no meaning`).toBeGreaterThan(10);
    }
  });

  it('lists no code that nothing raises', () => {
    const source = sourceFiles(SRC)
      .filter((file) => !file.endsWith(join('src', 'errors.ts')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // The error middleware names the codes of foreign errors by their status text, so those two are never quoted.
    const byStatusText = new Set(['BAD_REQUEST', 'INTERNAL_SERVER_ERROR']);
    const unused = codes.filter((code) => !byStatusText.has(code) && !source.includes(`'${code}'`));
    expect(unused, 'codes in src/errors.ts that no module raises: remove them').toEqual([]);
  });

  it('gives AppError its status, and an exposed message below 500', () => {
    const error = new AppError('ARTICLE_NOT_FOUND', 'article "x" not found');
    expect([error.status, error.expose]).toEqual([404, true]);
    const stopped = new AppError('CARD_RENDERER_STOPPED', 'card renderer is shut down');
    expect([stopped.status, stopped.expose]).toEqual([503, false]);
  });
});

describe('/openapi.json error responses', () => {
  const t = useTestApp();

  it('name only listed codes, each under its own status, and the Error schema enumerates the answered ones', async () => {
    const doc = (await t().request.get('/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>;
      components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
    };
    const named = new Set<string>();
    for (const item of Object.values(doc.paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          const found = [...(response.description ?? '').matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*):/g)];
          expect(found.length, `${status} response without a code: ${response.description}`).toBeGreaterThan(0);
          for (const [, code] of found) {
            expect(code! in ERRORS, `${code} is not in ERRORS`).toBe(true);
            expect(ERRORS[code as ErrorCode].status).toBe(Number(status));
            named.add(code!);
          }
        }
      }
    }
    const answered = codes.filter((code) => !('answered' in ERRORS[code]));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(answered);
    // Routes name their own codes; the three the middleware answers for any path are described once, globally.
    const global = new Set(['METHOD_NOT_ALLOWED', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR']);
    expect(answered.filter((code) => !named.has(code) && !global.has(code))).toEqual([]);
  });
});

describe('the error middleware and errors that are not ours', () => {
  async function answer(thrown: unknown): Promise<{ status: number; body: { error: { code: string } } }> {
    const app = new Koa();
    app.use(errorHandler(pino({ level: 'silent' })));
    app.use(() => {
      throw thrown;
    });
    const res = await supertest(app.callback()).get('/api/x');
    return { status: res.status, body: res.body };
  }

  it('answers a listed code: the status text when listed, otherwise BAD_REQUEST or INTERNAL_SERVER_ERROR', async () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    expect(await answer(tooLarge)).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const teapot = Object.assign(new Error('short and stout'), { status: 418, code: 'TEAPOT_CODE' });
    expect(await answer(teapot)).toMatchObject({ status: 418, body: { error: { code: 'BAD_REQUEST' } } });
    const gateway = Object.assign(new Error('upstream'), { status: 502 });
    expect(await answer(gateway)).toMatchObject({ status: 502, body: { error: { code: 'INTERNAL_SERVER_ERROR' } } });
    expect(await answer(new Error('a bug'))).toMatchObject({
      status: 500,
      body: { error: { code: 'INTERNAL_SERVER_ERROR' } },
    });
  });
});
