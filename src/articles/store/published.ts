import type { Article } from '../record/index.js';
import type { ContentRules } from './store.js';

/**
 * Ingest-time derivation shared by the stores: the published HTML of a record as written, and the batches in which
 * a store brings records stored under other content rules up to date when it opens.
 */

/** Records recomputed per transaction at open: sanitising runs outside it, so the write lock is held briefly. */
export const REFRESH_BATCH = 200;

export interface StaleRow {
  id: string;
  record: string;
  version: string;
}

export interface PublishedUpdate {
  id: string;
  /** Written only if the record still has this version (another writer may have replaced it meanwhile). */
  version: string;
  html: string;
  rules: string;
}

/** The two columns a write stores beside the record; both null when the store has no rules. */
export function publishedColumns(
  article: Article,
  rules: ContentRules | undefined,
): { published_html: string | null; published_rules: string | null } {
  return rules
    ? { published_html: rules.render(article), published_rules: rules.version }
    : { published_html: null, published_rules: null };
}

/**
 * The updates for one batch. A record the rules cannot render is left as it is rather than stopping the store from
 * opening: readers see its rules differ and compute it themselves, and meet the same error where it can be reported.
 */
export function toUpdates(rows: readonly StaleRow[], rules: ContentRules): PublishedUpdate[] {
  const updates: PublishedUpdate[] = [];
  for (const row of rows) {
    try {
      updates.push({
        id: row.id,
        version: row.version,
        html: rules.render(JSON.parse(row.record)),
        rules: rules.version,
      });
    } catch {
      // Left stale on purpose (see above).
    }
  }
  return updates;
}
