import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AUTH, putArticle, useTestApp } from '../helpers/app.js';
import { makeArticle, TEST_TOKEN } from '../helpers/fixtures.js';

/** One JSON line per request at info, with the request id echoed to the client; the token never appears. */

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
    done();
  },
});

describe('request log', () => {
  const t = useTestApp({ log: pino({ level: 'info' }, sink) });

  it('writes one line per request with method, route, status, duration, bytes, cache outcome and request id', async () => {
    await putArticle(t(), makeArticle({ id: 'logged' }));
    lines.length = 0;
    const first = await t().request.get('/cards/logged.png').set('X-Request-Id', 'proxy-trace-42');
    expect(first.headers['x-request-id']).toBe('proxy-trace-42');
    const second = await t().request.get('/cards/logged.png').set('X-Request-Id', 'not a valid id!\u00e9');
    expect(second.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const revalidated = await t().request.get('/cards/logged.png').set('If-None-Match', first.headers.etag!);
    expect(revalidated.status).toBe(304);

    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({
      level: 30,
      reqId: 'proxy-trace-42',
      method: 'GET',
      route: '/cards/:file',
      path: '/cards/logged.png',
      status: 200,
      bytes: first.body.length,
      cache: 'render',
    });
    expect(typeof requests[0]!.ms).toBe('number');
    expect(requests[1]).toMatchObject({ reqId: second.headers['x-request-id'], status: 200, cache: 'memory' });
    expect(requests[2]).toMatchObject({ status: 304, cache: 'revalidated', bytes: 0 });
  }, 60_000);

  it('never writes the token', async () => {
    lines.length = 0;
    await t().request.get('/api/articles').set(AUTH);
    await t().request.get('/api/articles').set('Authorization', 'Bearer wrong-token-0123456789');
    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain(TEST_TOKEN);
    expect(JSON.stringify(lines)).not.toContain('wrong-token-0123456789');
  });
});
