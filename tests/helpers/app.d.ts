import { type Logger } from 'pino';
import type { Response } from 'superagent';
import supertest from 'supertest';
import { type ArticleStore, type Site } from '../../src/articles/index.js';
import { type CardService } from '../../src/cards/index.js';
import type { Config } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { makeClock } from './fixtures.js';
export interface TestApp {
    request: ReturnType<typeof supertest>;
    store: ArticleStore;
    cards: CardService;
    config: Readonly<Config>;
    site: Site;
    clock: ReturnType<typeof makeClock>;
    callback: ReturnType<ReturnType<typeof createApp>['callback']>;
    app: ReturnType<typeof createApp>;
    close(): Promise<void>;
}
export interface TestAppOptions {
    env?: Record<string, string>;
    /** Measure with Prometheus metrics (served at /metrics when SYNDICARD_METRICS_TOKEN is in env). */
    metrics?: boolean;
    /** A logger of the test's own (to read the request log); silent by default. */
    log?: Logger;
    site?: Site;
    cacheDir?: string;
    /** A store of the test's own (a file, a fault); closed with the app. Default: a fresh in-memory store. */
    store?: ArticleStore;
}
/** The real app on an in-memory store, through app.callback(): no port, no internet, a pinned clock. */
export declare function makeTestApp(options?: TestAppOptions): Promise<TestApp>;
export declare const AUTH: {
    readonly Authorization: "Bearer test-token-0123456789abcdef";
};
/** A PUT of any body (valid or not) through the API, with the test token, for asserting on the answer. */
export declare function putJson(t: TestApp, id: string, body: unknown): supertest.SuperTestStatic.Test;
/** A fresh app per test in this file (beforeEach/afterEach); call the returned function inside tests to get it. */
export declare function useTestApp(options?: TestAppOptions): () => TestApp;
/** PUTs a record through the API, failing the test on anything but 200/201. */
export declare function putArticle(t: TestApp, record: {
    id: string;
}): Promise<void>;
/** supertest's parser for image bodies: the raw bytes as a Buffer in `res.body`. */
export declare function binaryParser(res: Response, done: (err: Error | null, body: Buffer) => void): void;
