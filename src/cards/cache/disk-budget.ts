import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Keeps the disk card cache within a byte budget: files are tracked least recently used first (their mtime after a
 * restart, touched on every hit), and the oldest are removed once the total passes the budget, down to 90 % of it so
 * eviction does not run on every write. The cache is content-addressed, so removing a file only costs a re-render.
 */
export interface DiskBudget {
  /** A file was written (or rewritten) with this many bytes. */
  added(path: string, bytes: number): Promise<void>;
  /** A file was read: it becomes the most recently used. */
  used(path: string): void;
  /** Bytes tracked now (for tests and stats). */
  total(): Promise<number>;
}

export interface DiskBudgetOptions {
  dir: string;
  maxBytes: number;
  log: { warn(obj: object, msg?: string): void };
}

interface Entry {
  bytes: number;
}

export function createDiskBudget({ dir, maxBytes, log }: DiskBudgetOptions): DiskBudget {
  // A Map iterates in insertion order: re-inserting on use keeps it least-recently-used first.
  const files = new Map<string, Entry>();
  let total = 0;
  const ready = scan();

  async function scan(): Promise<void> {
    const found: Array<{ path: string; bytes: number; mtime: number }> = [];
    let shards: string[];
    try {
      shards = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ err, dir }, 'card cache directory unreadable');
      return;
    }
    for (const shard of shards) {
      const names = await readdir(join(dir, shard)).catch(() => [] as string[]);
      for (const name of names) {
        if (name.endsWith('.tmp')) continue;
        const path = join(dir, shard, name);
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile()) found.push({ path, bytes: info.size, mtime: info.mtimeMs });
      }
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const file of found) {
      files.set(file.path, { bytes: file.bytes });
      total += file.bytes;
    }
    await evict();
  }

  async function evict(): Promise<void> {
    if (total <= maxBytes) return;
    const target = maxBytes * 0.9;
    for (const [path, entry] of files) {
      if (total <= target) break;
      files.delete(path);
      total -= entry.bytes;
      await rm(path, { force: true }).catch((err: unknown) =>
        log.warn({ err, path }, 'cached card could not be removed'),
      );
    }
  }

  return {
    async added(path, bytes) {
      await ready;
      const previous = files.get(path);
      if (previous) {
        files.delete(path);
        total -= previous.bytes;
      }
      files.set(path, { bytes });
      total += bytes;
      await evict();
    },
    used(path) {
      const entry = files.get(path);
      if (!entry) return;
      files.delete(path);
      files.set(path, entry);
      const now = new Date();
      // Persist the recency for the next start; losing it only makes eviction a little less accurate.
      utimes(path, now, now).catch((err: unknown) => log.warn({ err, path }, 'cached card could not be touched'));
    },
    async total() {
      await ready;
      return total;
    },
  };
}
