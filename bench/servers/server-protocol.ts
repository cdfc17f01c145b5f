/** Messages between the bench (parent) and servers/server-child.ts, over IPC with `advanced` serialization. */

/** A response the plain node:http baseline replays: the very bytes and headers syndicard sent. */
export interface CannedResponse {
  path: string;
  /** Matched against Accept-Encoding-free requests as given; the baseline ignores request headers but If-None-Match. */
  headers: Record<string, string>;
  body: Uint8Array;
  etag: string;
  /**
   * The headers syndicard sent with its 304 for this ETag, replayed on a matching If-None-Match; without them the
   * replay answers a 304 with ETag and Cache-Control only (fewer fields than RFC 9110 §15.4.5 has a 304 repeat).
   */
  notModifiedHeaders?: Record<string, string>;
}

export type ToServer =
  | {
      type: 'start-app';
      assetOrigin: string;
      photoUrl: string;
      feedItems: number;
      workers: number;
      /** A data directory other instances use too (their one SQLite file); a fresh temporary one otherwise. */
      sharedDataDir?: string;
      /** A PostgreSQL database the instances share (SYNDICARD_DATABASE_URL); SQLite in the data directory otherwise. */
      databaseUrl?: string;
    }
  | { type: 'start-plain'; responses: CannedResponse[] }
  /** Diagnostic floor: a bare Koa app (one middleware, no router) replaying the same responses. */
  | { type: 'start-koa'; responses: CannedResponse[] }
  /** Keep `concurrency` distinct card renders in flight until `stop-renders` (section 7). */
  | { type: 'start-renders'; concurrency: number }
  | { type: 'stop-renders' }
  | { type: 'start-loop-delay' }
  | { type: 'stop-loop-delay' };

export type FromServer =
  | { type: 'listening'; port: number; cardPath?: string; feedPath?: string }
  | { type: 'renders'; started: number; done: number; failed: number }
  | { type: 'loop-delay'; p50: number; p99: number; max: number; mean: number }
  | { type: 'ack' }
  | { type: 'error'; message: string };
