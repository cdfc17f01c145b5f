import { join } from 'node:path';
import { type ArticleStore, type ContentRules, createSqliteStore, openPostgresStore } from '../articles/index.js';
import type { Config } from '../config.js';

interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const silent: Log = { info: () => undefined, warn: () => undefined };

/**
 * The article store the settings name, for the CLI: PostgreSQL when SYNDICARD_DATABASE_URL is set (schema migrated
 * before this resolves), else the embedded SQLite file in the data directory. (main.ts opens SQLite with its
 * start-up checks, openSqliteStore.)
 */
export function openStoreFromConfig(
  config: Readonly<Config>,
  options: { log?: Log; idAuthority?: string; busyTimeoutMs?: number; contentRules?: ContentRules } = {},
): Promise<ArticleStore> {
  const { url, poolSize } = config.database;
  const { log = silent, idAuthority, busyTimeoutMs, contentRules } = options;
  const derived = contentRules ? { contentRules } : {};
  if (url) return openPostgresStore({ url, poolSize, log, ...(idAuthority ? { idAuthority } : {}), ...derived });
  return Promise.resolve(
    createSqliteStore({
      path: join(config.dataDir, 'syndicard.db'),
      ...(idAuthority ? { idAuthority } : {}),
      ...derived,
      ...(busyTimeoutMs ? { busyTimeoutMs } : {}),
    }),
  );
}
