import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore } from '../../src/articles/index.js';
import { buildFeed, createFeedService, feedContentRules } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeArticle, makeSite, makeStored } from '../helpers/feed-fixtures.js';

/**
 * Article HTML is sanitised once, when the record is stored, under the feeds' content rules; a build reads it. When
 * the rules change (here: the embed hosts an operator allows), the store recomputes every record as it opens.
 */

const site = makeSite();
const YOUTUBE_LINK = 'https://www.youtube.com/watch?v=VIDEO_ID';

let dir: string;
let path: string;
const open: ArticleStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-ingest-'));
  path = join(dir, 'syndicard.db');
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore(embedHosts?: string[], onContentRefresh?: (event: { records: number; rules: string }) => void) {
  const store = createSqliteStore({
    path,
    contentRules: feedContentRules({ ...(embedHosts ? { embedHosts } : {}), language: site.language }),
    ...(onContentRefresh ? { onContentRefresh } : {}),
  });
  open.push(store);
  return store;
}

async function contentHtml(store: ArticleStore, embedHosts?: string[]): Promise<string> {
  const feeds = createFeedService({ store, site, baseUrl: BASE_URL, limit: 10, ...(embedHosts ? { embedHosts } : {}) });
  const document = await feeds.get('json');
  return JSON.parse(document!.body.joined.toString('utf8')).items[0].content_html;
}

describe('ingest-time sanitising', () => {
  it('name their version after everything that changes their output', () => {
    const base = feedContentRules({ language: 'en-GB' });
    expect(feedContentRules({ language: 'en-GB' }).version).toBe(base.version);
    // The site's language labels the credit of articles without one ("Credit:" / "Llun:").
    const welsh = feedContentRules({ language: 'cy' });
    expect(welsh.version).not.toBe(base.version);
    const unlabelled = makeArticle({ language: undefined });
    expect(base.render(unlabelled)).not.toBe(welsh.render(unlabelled));
    // The embed hosts turn a player into a link or drop it.
    expect(feedContentRules({ language: 'en-GB', embedHosts: [] }).version).not.toBe(base.version);
    expect(feedContentRules({ language: 'en-GB', embedHosts: ['www.youtube.com'] }).version).not.toBe(base.version);
  });

  it('stores, with each record, exactly the HTML the feeds publish for it', async () => {
    const store = openStore();
    const { stored } = await store.put(makeArticle());
    expect(stored.published?.rules).toBe(feedContentRules({ language: site.language }).version);
    // What a build computes from the bare record (no stored HTML) is what the store kept.
    const bare = makeStored(makeArticle());
    const built = JSON.parse(
      buildFeed({ format: 'json', site, baseUrl: BASE_URL, items: [bare], fallbackUpdated: FALLBACK_UPDATED }),
    );
    expect(stored.published?.html).toBe(built.items[0].content_html);
    expect(stored.published?.html).toContain(YOUTUBE_LINK);
    expect(stored.published?.html).not.toContain('<script');
  });

  it('builds feeds from the stored HTML without sanitising again', async () => {
    const writer = openStore();
    const { stored } = await writer.put(makeArticle());
    await writer.close();
    open.length = 0;
    // Replace the stored HTML behind the store's back, keeping its rules: a store opened on the file next (under the
    // same rules, so it recomputes nothing) serves it as stored, which a build that sanitised would not.
    const db = new Database(path);
    db.prepare('UPDATE articles SET published_html = ? WHERE id = ?').run('<p>as stored</p>', stored.article.id);
    db.close();
    const store = openStore();
    expect(await contentHtml(store)).toBe('<p>as stored</p>');
    // A feed service with other rules than the ones it was stored under computes the HTML itself.
    expect(await contentHtml(store, ['player.vimeo.com'])).toContain('<p>The mum of Baby P');
  });

  it('re-sanitises stored records when the rules change, as the store opens', async () => {
    const first = openStore();
    await first.put(makeArticle());
    await first.put(
      makeArticle({
        id: 'second',
        publishedAt: '2020-01-01T00:00:00Z',
        updatedAt: undefined,
        body: '<p>Two <iframe src="https://www.youtube.com/embed/abcdefgh"></iframe></p>',
      }),
    );
    expect(await contentHtml(first)).toContain(YOUTUBE_LINK);
    await first.close();
    open.length = 0;

    // The operator no longer allows YouTube embeds (SYNDICARD_EMBED_HOSTS): the rules' version changes with it.
    const refreshed: Array<{ records: number; rules: string }> = [];
    const hosts = ['player.vimeo.com'];
    const store = openStore(hosts, (event) => refreshed.push(event));
    const rules = feedContentRules({ embedHosts: hosts, language: site.language });
    expect(refreshed).toEqual([{ records: 2, rules: rules.version }]);
    for (const id of [makeArticle().id, 'second']) {
      const stored = await store.get(id);
      expect(stored?.published?.rules).toBe(rules.version);
      expect(stored?.published?.html).not.toContain('youtube');
      expect(stored?.published?.html).toBe(rules.render(stored!.article));
    }
    // The stored HTML is what the feed publishes now.
    const db = new Database(path, { readonly: true });
    const row = db.prepare('SELECT published_html FROM articles WHERE id = ?').get(makeArticle().id) as {
      published_html: string;
    };
    db.close();
    expect(await contentHtml(store, hosts)).toBe(row.published_html);

    // Opening again under the same rules recomputes nothing.
    await store.close();
    open.length = 0;
    const again: unknown[] = [];
    openStore(hosts, (event) => again.push(event));
    expect(again).toEqual([]);
  });
});
