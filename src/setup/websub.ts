import type { Logger } from 'pino';
import type { ArticleStore } from '../articles/index.js';
import type { Config } from '../config.js';
import { createHubPublisher, type HubPublisher, publishingStore } from '../websub/index.js';

export interface WebSubSetup {
  /** The store to write through: publishes every change when hubs are configured, else the store itself. */
  store: ArticleStore;
  publisher: HubPublisher;
}

/** WebSub as the server and the CLI run it: one publisher per process, fed by that process's writes only. */
export function setUpWebSub(store: ArticleStore, config: Readonly<Config>, log: Logger): WebSubSetup {
  const publisher = createHubPublisher({ hubs: config.websubHubs, log });
  if (config.websubHubs.length === 0) return { store, publisher };
  return {
    publisher,
    store: publishingStore(store, {
      publisher,
      baseUrl: config.baseUrl,
      onLookupError: (err, id) =>
        log.warn({ err, id }, 'could not read the previous record: its old feeds are not published'),
    }),
  };
}
