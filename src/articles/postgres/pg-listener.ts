import pg from 'pg';

export interface StoreLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ChangeListener {
  /** True while the connection is up and LISTENing: every commit by any instance is then announced. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ChangeListenerOptions {
  connectionString: string;
  channel: string;
  /** Called on every notification, and on every (re)connection, since notifications sent while away are lost. */
  onChange(): void;
  log: StoreLog;
}

/** Reconnection delays: quick at first (a restart takes seconds), then every few seconds for as long as it takes. */
const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * A dedicated connection (LISTEN cannot share a pooled one) that hears the `NOTIFY` every write transaction sends
 * (delivered only when it commits: PostgreSQL docs, NOTIFY). When the connection drops it reconnects on its own, and
 * until it listens again the store falls back to checking the revision itself (see `state()` in postgres-store.ts).
 */
export function listenForChanges(options: ChangeListenerOptions): ChangeListener {
  const { log, onChange } = options;
  let current: pg.Client | undefined;
  let listening = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function connect(): void {
    timer = undefined;
    const client = new pg.Client({
      connectionString: options.connectionString,
      keepAlive: true,
      application_name: 'syndicard-listener',
      connectionTimeoutMillis: 3000,
    });
    current = client;
    client.on('notification', () => onChange());
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client, undefined));
    client
      .connect()
      .then(() => client.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`))
      .then(() => {
        if (current !== client) return;
        if (attempt > 0) log.info({ channel: options.channel }, 'listening for store changes again');
        listening = true;
        attempt = 0;
        onChange();
      })
      .catch((error: unknown) => lost(client, error));
  }

  function lost(client: pg.Client, error: unknown): void {
    if (current !== client) return;
    current = undefined;
    listening = false;
    client.end().catch(() => undefined);
    if (closed) return;
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
    if (attempt === 0) {
      log.warn({ err: error, retryMs: delay }, 'lost the store change listener; checking revisions until it is back');
    }
    attempt++;
    timer = setTimeout(connect, delay);
    timer.unref();
  }

  connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const client = current;
      current = undefined;
      listening = false;
      await client?.end().catch(() => undefined);
    },
  };
}
