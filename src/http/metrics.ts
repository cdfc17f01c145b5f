import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ArticleStore } from '../articles/index.js';
import type { CardObserver, CardService } from '../cards/index.js';
import type { FeedServiceDeps } from '../feeds/index.js';

/**
 * Prometheus metrics (prom-client), one registry per service so tests can make many apps. Counters that other parts
 * already keep (card cache hits, renders, queue depth, store revision) are read when scraped; durations come through
 * hooks the card and feed services call. Served at /metrics only with SYNDICARD_METRICS_TOKEN (routes/metrics.ts).
 */
export interface Metrics {
  registry: Registry;
  /** Hooks for createCardService. */
  cardObserver: CardObserver;
  /** Hook for createFeedService. */
  onFeedBuild: NonNullable<FeedServiceDeps['onBuild']>;
  observeRequest(event: { method: string; route: string; status: number; seconds: number }): void;
  /** What is read at scrape time; set once the store and cards exist. */
  attach(sources: { store: ArticleStore; cards: CardService }): void;
}

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  let sources: { store: ArticleStore; cards: CardService } | undefined;

  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, matched route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const renders = new Counter({
    name: 'syndicard_card_renders_total',
    help: 'Cards drawn by a renderer process, by the template drawn and outcome',
    labelNames: ['template', 'outcome'] as const,
    registers: [registry],
  });
  const renderSeconds = new Histogram({
    name: 'syndicard_card_render_duration_seconds',
    help: 'Time from handing a card to the renderer pool to its bytes, queue wait included',
    labelNames: ['template'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const assets = new Histogram({
    name: 'syndicard_photo_fetch_duration_seconds',
    help: 'Photo and logo fetches by the guarded loader, by kind and outcome (ok or the error code)',
    labelNames: ['what', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const feedBuilds = new Histogram({
    name: 'syndicard_feed_build_duration_seconds',
    help: 'Feed documents built (a poll served from a built document builds nothing), by format',
    labelNames: ['format'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  // Read from the card service when scraped: it already counts them.
  new Counter({
    name: 'syndicard_card_cache_lookups_total',
    help: 'Card requests answered from each cache layer, and misses that were rendered',
    labelNames: ['layer'] as const,
    registers: [registry],
    collect() {
      if (!sources) return;
      const stats = sources.cards.stats();
      this.reset();
      this.inc({ layer: 'memory' }, stats.memoryHits);
      this.inc({ layer: 'disk' }, stats.diskHits);
      this.inc({ layer: 'miss' }, stats.renders);
    },
  });
  new Counter({
    name: 'syndicard_card_photo_fallbacks_total',
    help: 'Photo cards drawn as the text card because the photo could not be had',
    registers: [registry],
    collect() {
      if (!sources) return;
      this.reset();
      this.inc(sources.cards.stats().photoFallbacks);
    },
  });
  new Gauge({
    name: 'syndicard_render_queue_depth',
    help: 'Cards waiting for a free renderer process',
    registers: [registry],
    collect() {
      if (sources) this.set(sources.cards.stats().queued);
    },
  });
  new Counter({
    name: 'syndicard_render_workers_started_total',
    help: 'Renderer processes started, on demand and to replace ones that crashed or timed out',
    registers: [registry],
    collect() {
      if (!sources) return;
      this.reset();
      this.inc(sources.cards.stats().workersStarted);
    },
  });
  new Gauge({
    name: 'syndicard_store_revision',
    help: "The store's revision: increases on every change",
    registers: [registry],
    async collect() {
      if (!sources) return;
      try {
        this.set((await sources.store.state()).revision);
      } catch {
        // An unreachable store is /readyz's to report; the scrape still answers with everything else.
      }
    },
  });

  return {
    registry,
    cardObserver: {
      rendered({ template, outcome, seconds }) {
        renders.inc({ template, outcome });
        if (outcome === 'ok') renderSeconds.observe({ template }, seconds);
      },
      assetLoaded({ what, outcome, seconds }) {
        assets.observe({ what, outcome }, seconds);
      },
    },
    onFeedBuild({ format, seconds }) {
      feedBuilds.observe({ format }, seconds);
    },
    observeRequest({ method, route, status, seconds }) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    attach(next) {
      sources = next;
    },
  };
}
