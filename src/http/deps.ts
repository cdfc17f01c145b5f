import type { Logger } from 'pino';
import type { ArticleStore, Site } from '../articles/index.js';
import type { CardService } from '../cards/index.js';
import type { Config } from '../config.js';
import type { Metrics } from './metrics.js';

/** Everything the HTTP app needs, passed in: createApp() reads no environment and opens nothing. */
export interface AppDeps {
  config: Readonly<Config>;
  site: Site;
  store: ArticleStore;
  cards: CardService;
  log: Logger;
  /** Prometheus metrics; without them /metrics is off and nothing is measured. */
  metrics?: Metrics;
  /**
   * Set by main.ts when SIGTERM arrives: /readyz then answers 503 SHUTTING_DOWN, so a load balancer stops sending
   * new requests while the ones in flight finish.
   */
  lifecycle?: { readonly draining: boolean };
}
