import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config.js';

export type ServerLimits = Pick<
  Config['server'],
  'headersTimeoutSeconds' | 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds' | 'maxConnections'
>;

/**
 * The HTTP server with its socket limits set deliberately rather than left at Node's defaults (which held a
 * slow-header client for 60–90 s and a slow upload for 5 minutes, with no cap on connections; issue 8):
 * - `headersTimeout`: the whole header section must arrive within it (slowloris); Node answers 408 and closes.
 * - `requestTimeout`: the whole request, body included, likewise: a trickled upload cannot hold a socket longer.
 * - `keepAliveTimeout`: an idle kept-alive connection is closed after it. Behind a proxy that reuses connections it
 *   must exceed the proxy's own idle timeout (nginx: keepalive_timeout), or the proxy sends on a closing socket.
 * - `maxConnections`: connections past it are closed as they arrive, before any byte is read.
 * Node checks the two request deadlines on a timer (`connectionsCheckingInterval`, 30 s by default, which would
 * make a 10 s limit up to 40 s): it runs here at a quarter of the shorter deadline, at most once a second.
 */
export function createHttpServer(listener: RequestListener, limits: ServerLimits): Server {
  const headersTimeout = limits.headersTimeoutSeconds * 1000;
  // Node requires headersTimeout <= requestTimeout; the headers are part of the request.
  const requestTimeout = Math.max(limits.requestTimeoutSeconds * 1000, headersTimeout);
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
      connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(headersTimeout / 4))),
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
