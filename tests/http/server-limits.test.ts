import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/server.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { TEST_TOKEN } from '../helpers/fixtures.js';

/**
 * The server's socket limits against raw clients on 127.0.0.1: a real listening server (port 0) built exactly as
 * main.ts builds it, with small limits. No assertion is about time: a client the limits did not cut off would keep
 * trickling until the test's own timeout failed it.
 */
let t: TestApp;
let server: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await makeTestApp();
  server = createHttpServer(t.callback, {
    headersTimeoutSeconds: 1,
    requestTimeoutSeconds: 2,
    keepAliveTimeoutSeconds: 1,
    maxConnections: 3,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

interface Client {
  socket: Socket;
  /** Everything the server sent, once it has closed the connection. */
  closed: Promise<string>;
}

async function open(): Promise<Client> {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {}); // a reset is one of the ways a limit may end the connection
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => resolve(Buffer.concat(chunks).toString())),
  );
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return { socket, closed };
}

/** Writes `parts` one by one every `everyMs` until the socket closes; returns how many were written. */
function trickle(socket: Socket, parts: string[], everyMs: number): { written: () => number } {
  let written = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable || written >= parts.length) return clearInterval(timer);
    socket.write(parts[written++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
  return { written: () => written };
}

async function waitForConnections(n: number): Promise<void> {
  for (;;) {
    const count = await new Promise<number>((resolve) => server.getConnections((_e, c) => resolve(c)));
    if (count >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('server limits', { timeout: 30_000 }, () => {
  it('cuts off a client that trickles its headers (408) before it ever finishes them', async () => {
    const client = await open();
    client.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Two hundred header lines, one every 100 ms: 20 s of trickle, far past the 1 s limit.
    const lines = Array.from({ length: 200 }, (_, i) => `X-Slow-${i}: ${i}\r\n`);
    const sent = trickle(client.socket, lines, 100);
    const answer = await client.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent.written()).toBeLessThan(lines.length);
  });

  it('cuts off a client that trickles its body, after the request timeout', async () => {
    const client = await open();
    client.socket.write(
      [
        'PUT /api/articles/slow-body HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${TEST_TOKEN}`,
        'Content-Type: application/json',
        'Content-Length: 4000',
        '',
        '{"headline":"',
      ].join('\r\n'),
    );
    const body = Array.from({ length: 400 }, () => 'xxxxxxxxxx');
    const sent = trickle(client.socket, body, 100);
    const answer = await client.closed;
    expect(sent.written()).toBeLessThan(body.length);
    // Node answers 408 itself when nothing has been sent yet; either way nothing was stored.
    expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
    expect(await t.store.get('slow-body')).toBeUndefined();
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const client = await open();
    client.socket.write('GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const answer = await client.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/keep-alive/i);
  });

  it('refuses connections past the cap, and takes new ones once those end', async () => {
    const held = await Promise.all([open(), open(), open()]);
    for (const client of held) client.socket.write('GET / HTTP/1.1\r\n');
    await waitForConnections(3);
    const refused = await open();
    refused.socket.write('GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await refused.closed).toBe('');
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    const later = await open();
    later.socket.write('GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(await later.closed).toMatch(/^HTTP\/1\.1 200 /);
  });
});
