import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/server.js';
import { AUTH, makeTestApp, type TestApp } from '../helpers/app.js';

/**
 * Per-address limits. The addresses are told apart through X-Forwarded-For with SYNDICARD_TRUST_PROXY=1, as behind
 * nginx (the header only: every request goes to the app on loopback).
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({
    env: {
      SYNDICARD_TRUST_PROXY: '1',
      SYNDICARD_AUTH_FAILURES_PER_MINUTE: '3',
      SYNDICARD_ADHOC_RENDERS_PER_MINUTE: '2',
    },
  });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const from = (address: string) => ({ 'X-Forwarded-For': address });
const card = (address: string, headline: string, auth: Record<string, string> = AUTH) =>
  t.request
    .post('/api/cards')
    .set(auth)
    .set(from(address))
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ headline }));

describe('rate limits', { timeout: 90_000 }, () => {
  it('answers 429 with Retry-After after too many failed tokens from one address, before checking any token', async () => {
    const wrong = { Authorization: 'Bearer wrong-token-0123456789abcdef' };
    for (let i = 0; i < 3; i++) {
      const res = await t.request.get('/api/articles').set(wrong).set(from('198.51.100.7'));
      expect(res.status).toBe(403);
    }
    const limited = await t.request.get('/api/articles').set(AUTH).set(from('198.51.100.7'));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('AUTH_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['x-content-type-options']).toBe('nosniff');
    // Signed-URL guessing from that address is refused the same way.
    expect((await t.request.get('/og.png?headline=x&sig=abc').set(from('198.51.100.7'))).status).toBe(429);
    // Another address is not affected, and public pages are never limited.
    expect((await t.request.get('/api/articles').set(AUTH).set(from('198.51.100.8'))).status).toBe(200);
    expect((await t.request.get('/feed.rss').set(from('198.51.100.7'))).status).toBe(200);
  });

  it('limits new ad-hoc renders per address with 429 and Retry-After; cards already drawn are still served', async () => {
    expect((await card('203.0.113.1', 'First new headline')).status).toBe(200);
    expect((await card('203.0.113.1', 'Second new headline')).status).toBe(200);
    const rendersBefore = t.cards.stats().renders;
    const limited = await card('203.0.113.1', 'Third new headline');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('CARD_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(t.cards.stats().renders).toBe(rendersBefore);
    expect((await card('203.0.113.1', 'First new headline')).status).toBe(200);
    expect((await card('203.0.113.2', 'Third new headline')).status).toBe(200);
  });
});

describe('a refused upload', { timeout: 60_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = createHttpServer(t.callback, {
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      keepAliveTimeoutSeconds: 5,
      maxConnections: 10,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is answered 401 before its body is read, and the connection is closed rather than the body drained', async () => {
    const socket = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      [
        'PUT /api/articles/refused HTTP/1.1',
        'Host: 127.0.0.1',
        'X-Forwarded-For: 192.0.2.50',
        'Content-Type: application/json',
        'Content-Length: 10000000',
        '',
        '{"headline":"',
      ].join('\r\n'),
    );
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Nine more megabytes would follow; the client sends only this little and waits.
    await closed;
    const answer = Buffer.concat(chunks).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/connection: close/i);
    expect(await t.store.get('refused')).toBeUndefined();
  });
});
