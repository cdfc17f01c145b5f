import { type ArticleStore } from '../../src/articles/index.js';
import { type CardService, type SharedCardCache } from '../../src/cards/index.js';
/**
 * One syndicard instance as main.ts wires it with SYNDICARD_DATABASE_URL and SYNDICARD_REDIS_URL set: the real
 * PostgreSQL store, the card service with the shared Redis cache, createApp, listening on 127.0.0.1 port 0.
 */
export interface Instance {
    origin: string;
    store: ArticleStore;
    cards: CardService;
    shared: SharedCardCache;
    close(): Promise<void>;
}
export declare function startInstance(options: {
    databaseUrl: string;
    redisUrl: string;
    prefix: string;
}): Promise<{
    origin: string;
    store: ArticleStore;
    cards: CardService;
    shared: SharedCardCache;
    close(): Promise<void>;
}>;
export declare const AUTH_HEADERS: {
    Authorization: string;
    'Content-Type': string;
};
/** PUT through the API; returns the status, the parsed body and the headers. */
export declare function put(instance: Instance, record: {
    id: string;
    [field: string]: unknown;
}): Promise<{
    status: number;
    headers: Headers;
    body: Record<string, unknown>;
}>;
/** Removes every key under `prefix` (SCAN, never FLUSH: the Redis may be shared with other test runs). */
export declare function deleteRedisPrefix(url: string, prefix: string): Promise<void>;
