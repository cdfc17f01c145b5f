export { createHubPublisher, type HubPublisher, type HubPublisherOptions, PUBLISH_DEFAULTS } from './hub-publisher.js';
export { type PublishingStoreOptions, publishingStore } from './publishing-store.js';
export { feedTopics } from './topics.js';
