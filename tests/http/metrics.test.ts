import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { AUTH, putArticle, useTestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

/**
 * /metrics in Prometheus's text format, read back by a parser nobody here wrote (parse-prometheus-text-format):
 * after a known sequence of requests the counters hold exactly what happened.
 */

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const scrape = { Authorization: `Bearer ${METRICS_TOKEN}` };

describe('/metrics', () => {
  const t = useTestApp({ metrics: true, env: { SYNDICARD_METRICS_TOKEN: METRICS_TOKEN } });

  async function families() {
    const res = await t().request.get('/metrics').set(scrape);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.text;
    return new Map(parsePrometheusTextFormat(res.text).map((family) => [family.name, family]));
  }
  let text = '';

  /**
   * A histogram's `_count` for one label set. (The parser keeps a histogram's buckets but drops its labels, so the
   * count is read from the text line, whose exact form the exposition format fixes.)
   */
  function histogramCount(name: string, labels: Record<string, string>): string | undefined {
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    for (const line of text.split('\n')) {
      const match = /^(\w+)_count\{(.*)\} (\S+)$/.exec(line);
      if (match?.[1] !== name) continue;
      const have = match[2]!.split(',');
      if (wanted.every((pair) => have.includes(pair))) return match[3];
    }
    return undefined;
  }

  function sample(
    all: Awaited<ReturnType<typeof families>>,
    name: string,
    labels: Record<string, string> = {},
  ): { value?: string } | undefined {
    return all
      .get(name)
      ?.metrics.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
  }

  it('counts requests, renders, cache layers, feed builds and the store revision', async () => {
    await putArticle(t(), makeArticle({ id: 'one' }));
    await putArticle(t(), makeArticle({ id: 'two', headline: 'A second headline' }));
    for (let i = 0; i < 3; i++) expect((await t().request.get('/feed.rss')).status).toBe(200);
    expect((await t().request.get('/cards/one.png')).status).toBe(200);
    expect((await t().request.get('/cards/one.png')).status).toBe(200);
    expect((await t().request.get('/nowhere')).status).toBe(404);

    const all = await families();
    expect(histogramCount('http_request_duration_seconds', { method: 'GET', route: '/feed.rss', status: '200' })).toBe(
      '3',
    );
    expect(
      histogramCount('http_request_duration_seconds', { method: 'PUT', route: '/api/articles/:id', status: '201' }),
    ).toBe('2');
    expect(histogramCount('http_request_duration_seconds', { method: 'GET', route: 'unmatched', status: '404' })).toBe(
      '1',
    );
    // Three polls, one build: the other two were served from the built document.
    expect(histogramCount('syndicard_feed_build_duration_seconds', { format: 'rss' })).toBe('1');
    expect(all.get('http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    // The seed-based article has a photo on a host that does not exist: the plain card is drawn once, then cached.
    expect(sample(all, 'syndicard_card_renders_total', { outcome: 'ok' })?.value).toBe('1');
    expect(sample(all, 'syndicard_card_cache_lookups_total', { layer: 'memory' })?.value).toBe('1');
    expect(sample(all, 'syndicard_card_cache_lookups_total', { layer: 'miss' })?.value).toBe('1');
    expect(sample(all, 'syndicard_store_revision')?.value).toBe('2');
    expect(sample(all, 'syndicard_render_queue_depth')?.value).toBe('0');
    expect(all.get('syndicard_photo_fetch_duration_seconds')?.type).toBe('HISTOGRAM');
  }, 60_000);

  it('needs its own token, not an API token', async () => {
    expect((await t().request.get('/metrics')).status).toBe(401);
    expect((await t().request.get('/metrics').set(AUTH)).status).toBe(403);
  });
});

describe('/metrics without SYNDICARD_METRICS_TOKEN', () => {
  const t = useTestApp({ metrics: true });

  it('is off, and says how to turn it on', async () => {
    const res = await t().request.get('/metrics').set(scrape);
    expect(res.status).toBe(404);
    expect(res.text).toContain('metrics are off: set SYNDICARD_METRICS_TOKEN');
  });
});
