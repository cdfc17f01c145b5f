import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('has embedded defaults for every setting', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      baseUrl: 'http://127.0.0.1:3000',
      apiTokens: [],
      sitePath: undefined,
      demo: true,
      feeds: { limit: 50, maxAgeSeconds: 300 },
      bodyLimitBytes: 1_048_576,
      cards: { imageTimeoutMs: 5000, imageMaxBytes: 10_485_760, renderWorkers: 2, imageAllow: [], signingKeys: [] },
    });
    expect(Object.isFrozen(config.cards)).toBe(true);
  });

  it('parses every documented setting', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '::1',
        SYNDICARD_DATA_DIR: '/var/lib/syndicard',
        SYNDICARD_BASE_URL: 'https://feeds.example.com/',
        SYNDICARD_API_TOKENS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb',
        SYNDICARD_SITE: 'site.json',
        SYNDICARD_DEMO: '0',
        SYNDICARD_FEED_LIMIT: '20',
        SYNDICARD_IMAGE_ALLOW: '127.0.0.1, cdn.internal',
        SYNDICARD_SIGNING_KEYS: 'kkkkkkkkkkkkkkkk',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '::1',
      baseUrl: 'https://feeds.example.com',
      apiTokens: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
      sitePath: '/srv/site.json',
      demo: false,
      feeds: { limit: 20 },
      cards: { imageAllow: ['127.0.0.1', 'cdn.internal'], signingKeys: ['kkkkkkkkkkkkkkkk'] },
    });
    expect(loadConfig({ HOST: '::1' }).baseUrl).toBe('http://[::1]:3000');
  });

  it('reports every bad setting at once, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        SYNDICARD_DEMO: 'maybe',
        SYNDICARD_BASE_URL: 'feeds.example.com',
        SYNDICARD_API_TOKENS: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'SYNDICARD_DEMO', 'SYNDICARD_BASE_URL', 'SYNDICARD_API_TOKENS'])
      expect(message).toContain(name);
    expect((error as ConfigError).issues).toHaveLength(4);
  });

  it('refuses PORT=0 without a public URL (the port is known only after listening), and takes it with one', () => {
    expect(() => loadConfig({ PORT: '0' })).toThrow(/SYNDICARD_BASE_URL: must be set when PORT is 0/);
    expect(loadConfig({ PORT: '0', SYNDICARD_BASE_URL: 'https://feeds.example.com' })).toMatchObject({
      port: 0,
      baseUrl: 'https://feeds.example.com',
    });
  });

  it('reads the archive page size and the WebSub hubs, refusing a hub that is not an http(s) URL', () => {
    expect(loadConfig({})).toMatchObject({ feeds: { archivePageSize: 100 }, websubHubs: [] });
    const config = loadConfig({
      SYNDICARD_ARCHIVE_PAGE_SIZE: '25',
      SYNDICARD_WEBSUB_HUBS: 'https://hub.example/, http://127.0.0.1:8080/hub',
    });
    expect(config).toMatchObject({
      feeds: { archivePageSize: 25 },
      websubHubs: ['https://hub.example/', 'http://127.0.0.1:8080/hub'],
    });
    expect(() => loadConfig({ SYNDICARD_WEBSUB_HUBS: 'hub.example' })).toThrow(
      /SYNDICARD_WEBSUB_HUBS.*absolute http\(s\) URL.*got "hub\.example"/,
    );
    expect(() => loadConfig({ SYNDICARD_ARCHIVE_PAGE_SIZE: '0' })).toThrow(/SYNDICARD_ARCHIVE_PAGE_SIZE/);
  });

  it('shares records through PostgreSQL only when its URL is set', () => {
    expect(loadConfig({})).toMatchObject({ database: { url: undefined, poolSize: 10 } });
    const config = loadConfig({
      SYNDICARD_DATABASE_URL: 'postgres://app@db.internal:5432/syndicard',
      SYNDICARD_DATABASE_POOL: '4',
    });
    expect(config).toMatchObject({
      database: { url: 'postgres://app@db.internal:5432/syndicard', poolSize: 4 },
    });
    // A wrong scheme is named, and a password in the value is not repeated in the message.
    const failure = (() => {
      try {
        loadConfig({ SYNDICARD_DATABASE_URL: 'mysql://u:secret@h/db' });
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(failure).toMatch(/SYNDICARD_DATABASE_URL: must be a URL such as postgres:.*got one starting "mysql"/);
    expect(failure).not.toContain('secret');
  });

  it('shares cards through Redis only when its URL is set', () => {
    expect(loadConfig({}).redis).toEqual({ url: undefined, prefix: 'syndicard:', cardTtlSeconds: 604_800 });
    const config = loadConfig({
      SYNDICARD_REDIS_URL: 'redis://cache.internal:6379/2',
      SYNDICARD_REDIS_PREFIX: 'news:',
      SYNDICARD_REDIS_CARD_TTL: '3600',
    });
    expect(config.redis).toEqual({ url: 'redis://cache.internal:6379/2', prefix: 'news:', cardTtlSeconds: 3600 });
    expect(() => loadConfig({ SYNDICARD_REDIS_URL: 'cache.internal:6379' })).toThrow(/SYNDICARD_REDIS_URL/);
  });
});
