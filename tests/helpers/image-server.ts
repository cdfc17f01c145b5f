import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/images, inside the repository. */
const imagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/images');

export function readFixtureImage(name: string): Buffer {
  return readFileSync(resolve(imagesDir, name));
}

export interface ImageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Path and query of every request received, in order. */
  requests: string[];
  /** TCP connections accepted: a refused destination must leave this at 0. */
  connections: number;
  /** Bytes written by /big-chunked responses so far. */
  streamedBytes: number;
  /** Extra files served as-is: path → body and Content-Type. */
  files: Map<string, { body: Buffer; type: string }>;
  /** Resolves once every response the server started has closed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fixture server on 127.0.0.1 only (port 0). Routes:
 * /hero.jpg, /hero-labelled-html (JPEG bytes sent as text/html), /page.html, /missing (404),
 * /redirect?to=<url> (302 to exactly that Location), /nested/dir/relative (301 to ../../hero.jpg),
 * /chain/<n> (n more redirects, then the photo), /slow-body (trickles a byte every 50 ms),
 * /slow-head (never answers), /big-declared?bytes=<n> (Content-Length n, then nothing),
 * /big-chunked?bytes=<n> (chunked, no length).
 */
export async function startImageServer(): Promise<ImageServer> {
  const hero = readFixtureImage('hero-1600x900.jpg');
  const open = new Set<Promise<void>>();
  const state = {
    requests: [] as string[],
    connections: 0,
    streamedBytes: 0,
    files: new Map<string, { body: Buffer; type: string }>([['/hero.jpg', { body: hero, type: 'image/jpeg' }]]),
  };

  const server = createServer((request, response) => {
    state.requests.push(request.url ?? '');
    const closed = new Promise<void>((done) => response.once('close', () => done()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
    response.on('error', () => {}); // the client hanging up mid-body is what several tests provoke
    route(new URL(request.url ?? '/', 'http://127.0.0.1'), response);
  });

  function route(url: URL, response: ServerResponse): void {
    const file = state.files.get(url.pathname);
    const bytes = Number(url.searchParams.get('bytes') ?? 0);
    if (file) {
      response.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
    } else if (url.pathname === '/hero-labelled-html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(hero);
    } else if (url.pathname === '/page.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title>');
    } else if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    } else if (url.pathname === '/nested/dir/relative') {
      response.writeHead(301, { location: '../../hero.jpg' }).end();
    } else if (url.pathname.startsWith('/chain/')) {
      const left = Number(url.pathname.slice('/chain/'.length));
      response.writeHead(302, { location: left > 1 ? `/chain/${left - 1}` : '/hero.jpg' }).end();
    } else if (url.pathname === '/slow-body') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(hero.subarray(0, 100));
      let offset = 100;
      const timer = setInterval(() => response.write(hero.subarray(offset, ++offset)), 50);
      response.once('close', () => clearInterval(timer));
    } else if (url.pathname === '/slow-head') {
      // never answers; the client's deadline must end it
    } else if (url.pathname === '/big-declared') {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes });
      response.write(hero.subarray(0, 1024));
    } else if (url.pathname === '/big-chunked') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      streamZeros(response, bytes);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }

  function streamZeros(response: ServerResponse, total: number): void {
    const chunk = Buffer.alloc(64 * 1024);
    const pump = () => {
      while (state.streamedBytes < total && !response.destroyed) {
        state.streamedBytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  }

  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    port,
    async settled() {
      await Promise.all(open);
    },
    close: () =>
      new Promise<void>((closed, failed) => {
        server.closeAllConnections();
        server.close((error) => (error ? failed(error) : closed()));
      }),
  });
}
