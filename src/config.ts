import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, type ErrorIssue } from './errors.js';
import { DEFAULT_EMBED_HOSTS } from './feeds/content/embed-hosts.js';

/**
 * Every setting, parsed and checked once. `loadConfig` is pure (it reads only the `env` it is given), reports every
 * problem at once, and returns a frozen object; only src/main.ts and the CLI call it. Each setting is documented in
 * the README's settings table.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The public origin used in every absolute URL we generate (feed self links, og:image), without a trailing slash. */
  baseUrl: string;
  /** Bearer tokens accepted on /api; empty means "generate one and keep it in the data directory". */
  apiTokens: string[];
  /** Bearer tokens that may scrape /metrics; empty turns /metrics off. Kept apart from the API's write tokens. */
  metricsTokens: string[];
  /** Path of a site settings file shaped like seed-site.json; undefined means the embedded defaults. */
  sitePath: string | undefined;
  /** Load the bundled demo articles into an empty store. */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  feeds: {
    /** Items per feed. */
    limit: number;
    /** Cache-Control max-age of feed responses, in seconds. */
    maxAgeSeconds: number;
    /** Articles per RFC 5005 archive page. */
    archivePageSize: number;
  };
  /** WebSub hubs the feeds advertise and every change is published to; empty turns WebSub off. */
  websubHubs: string[];
  /** Largest request body accepted on /api, in bytes. */
  bodyLimitBytes: number;
  store: {
    /** Longest a write waits for the write lock (an import in another process) before 503 STORE_BUSY. */
    busyTimeoutMs: number;
    /** Longest start-up waits for SQLite's quick_check; on a larger file the check goes on in the background. */
    checkTimeoutMs: number;
  };
  /** Longest SIGTERM waits for the requests in flight before the process exits anyway. */
  shutdownGraceMs: number;
  /** Hostnames whose iframes article pages keep; in feeds every embed becomes a link (docs/operations.md). */
  embedHosts: string[];
  /** Socket-level limits of the HTTP server (src/http/server.ts). */
  server: {
    /** Time allowed for a request's headers, from its first byte. */
    headersTimeoutSeconds: number;
    /** Time allowed for a whole request, body included. */
    requestTimeoutSeconds: number;
    /** How long an idle keep-alive connection is kept open. */
    keepAliveTimeoutSeconds: number;
    /** Connections open at once; more are refused (closed) until some end. */
    maxConnections: number;
    /** Trust X-Forwarded-For from the reverse proxy in front (the client's address for rate limits). */
    trustProxy: boolean;
  };
  limits: {
    /** Failed authentications (bad token or signature) per client address per minute before 429. */
    authFailuresPerMinute: number;
    /** Ad-hoc card renders (not already in memory) per client address per minute before 429. */
    adHocRendersPerMinute: number;
  };
  cards: {
    /** Hosts, IP addresses or CIDR ranges the photo loader may reach even though they are not public. */
    imageAllow: string[];
    imageTimeoutMs: number;
    imageMaxBytes: number;
    /** Keys for HMAC-SHA256 signatures of ad-hoc card URLs; the first signs, all verify (rotation). */
    signingKeys: string[];
    /** First wait before a photo that failed is fetched again; it doubles on each failure, up to photoRetryMaxMs. */
    photoRetryMs: number;
    photoRetryMaxMs: number;
    /** Renderer child processes. */
    renderWorkers: number;
    /** A renderer that has drawn nothing for this long exits, and starts again with the next card; 0: never. */
    renderIdleMs: number;
    /** In-memory card cache bound, in bytes. */
    cacheMaxBytes: number;
    /** Disk card cache bound, in bytes. */
    cacheDiskMaxBytes: number;
  };
  /** PostgreSQL for records shared by several instances; without a URL, the embedded SQLite file in dataDir. */
  database: {
    url: string | undefined;
    poolSize: number;
  };
  /** Redis for rendered cards shared by several instances (and render-once locks); none keeps them per instance. */
  redis: {
    url: string | undefined;
    /** Every key starts with it, so several deployments (or tests) can share one Redis. */
    prefix: string;
    /** How long a card is kept in Redis after it was last stored. */
    cardTtlSeconds: number;
  };
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = {}, cwd = '/'): Readonly<Config> {
  const issues: ErrorIssue[] = [];
  const read = new Reader(env, issues);

  const port = read.integer('PORT', 3000, 0, 65_535);
  const host = read.host('HOST', '127.0.0.1');
  const dataDir = resolvePath(cwd, read.string('SYNDICARD_DATA_DIR', './data'));
  const baseUrl = read.origin('SYNDICARD_BASE_URL', listenOrigin(host, port));
  if (isEveryInterface(host) && !env.SYNDICARD_BASE_URL?.trim()) {
    // The listening address cannot be the public one: feeds and og:image would carry http://0.0.0.0:3000/…, which
    // no reader can reach. (Item ids never depend on it: they come from the site's URL.)
    issues.push({
      path: 'SYNDICARD_BASE_URL',
      message: `must be set when HOST is ${host} (every interface): the public origin readers use, such as https://feeds.example.com`,
    });
  }
  if (port === 0 && !env.SYNDICARD_BASE_URL?.trim()) {
    // The system picks the port only when listening, after every URL in feeds and og:image was made from this one.
    issues.push({
      path: 'SYNDICARD_BASE_URL',
      message:
        'must be set when PORT is 0 (a port the system picks at start): feeds and og:image would carry port 0, which no reader can reach',
    });
  }
  const sitePath = env.SYNDICARD_SITE?.trim() ? resolvePath(cwd, env.SYNDICARD_SITE.trim()) : undefined;

  const config: Config = {
    port,
    host,
    dataDir,
    baseUrl,
    apiTokens: read.tokens('SYNDICARD_API_TOKENS'),
    metricsTokens: read.tokens('SYNDICARD_METRICS_TOKEN'),
    sitePath,
    demo: read.boolean('SYNDICARD_DEMO', true),
    logLevel: read.oneOf('SYNDICARD_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    feeds: {
      limit: read.integer('SYNDICARD_FEED_LIMIT', 50, 1, 1000),
      maxAgeSeconds: read.integer('SYNDICARD_FEED_MAX_AGE', 300, 0, 31_536_000),
      archivePageSize: read.integer('SYNDICARD_ARCHIVE_PAGE_SIZE', 100, 1, 1000),
    },
    websubHubs: read.urls('SYNDICARD_WEBSUB_HUBS'),
    bodyLimitBytes: read.integer('SYNDICARD_BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    store: {
      busyTimeoutMs: read.integer('SYNDICARD_BUSY_TIMEOUT_MS', 5000, 0, 120_000),
      checkTimeoutMs: read.integer('SYNDICARD_QUICK_CHECK_MS', 10_000, 0, 3_600_000),
    },
    shutdownGraceMs: read.integer('SYNDICARD_DRAIN_GRACE_MS', 10_000, 0, 600_000),
    embedHosts: read.hosts('SYNDICARD_EMBED_HOSTS', DEFAULT_EMBED_HOSTS),
    server: {
      headersTimeoutSeconds: read.integer('SYNDICARD_HEADERS_TIMEOUT', 10, 1, 600),
      requestTimeoutSeconds: read.integer('SYNDICARD_REQUEST_TIMEOUT', 30, 1, 3600),
      keepAliveTimeoutSeconds: read.integer('SYNDICARD_KEEP_ALIVE_TIMEOUT', 5, 1, 600),
      maxConnections: read.integer('SYNDICARD_MAX_CONNECTIONS', 1024, 1, 1_000_000),
      trustProxy: read.boolean('SYNDICARD_TRUST_PROXY', false),
    },
    limits: {
      authFailuresPerMinute: read.integer('SYNDICARD_AUTH_FAILURES_PER_MINUTE', 10, 1, 100_000),
      adHocRendersPerMinute: read.integer('SYNDICARD_ADHOC_RENDERS_PER_MINUTE', 120, 1, 1_000_000),
    },
    cards: {
      imageAllow: read.list('SYNDICARD_IMAGE_ALLOW'),
      imageTimeoutMs: read.integer('SYNDICARD_IMAGE_TIMEOUT_MS', 5000, 100, 120_000),
      imageMaxBytes: read.integer('SYNDICARD_IMAGE_MAX_BYTES', 10 * 1_048_576, 1024, 100 * 1_048_576),
      signingKeys: read.tokens('SYNDICARD_SIGNING_KEYS'),
      photoRetryMs: read.integer('SYNDICARD_PHOTO_RETRY_MS', 5000, 100, 3_600_000),
      photoRetryMaxMs: read.integer('SYNDICARD_PHOTO_RETRY_MAX_MS', 300_000, 100, 86_400_000),
      renderWorkers: read.integer('SYNDICARD_RENDER_WORKERS', 2, 1, 64),
      renderIdleMs: read.integer('SYNDICARD_RENDER_IDLE_MS', 60_000, 0, 86_400_000),
      cacheMaxBytes: read.integer('SYNDICARD_CARD_CACHE_MB', 128, 1, 65_536) * 1_048_576,
      cacheDiskMaxBytes: read.integer('SYNDICARD_CARD_DISK_MB', 1024, 1, 1_048_576) * 1_048_576,
    },
    database: {
      url: read.url('SYNDICARD_DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user@host:5432/syndicard'),
      poolSize: read.integer('SYNDICARD_DATABASE_POOL', 10, 1, 1000),
    },
    redis: {
      url: read.url('SYNDICARD_REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
      prefix: read.string('SYNDICARD_REDIS_PREFIX', 'syndicard:'),
      cardTtlSeconds: read.integer('SYNDICARD_REDIS_CARD_TTL', 7 * 86_400, 1, 365 * 86_400),
    },
  };
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(config);
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly issues: ErrorIssue[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  private fail(name: string, message: string): void {
    this.issues.push({ path: name, message });
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.fail(name, `must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.fail(name, `must be 1 or 0 (true/false, yes/no, on/off), got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  list(name: string): string[] {
    return (this.raw(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** A comma-separated list of absolute http(s) URLs. */
  urls(name: string): string[] {
    const urls = this.list(name);
    for (const url of urls) {
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        this.fail(name, `every entry must be an absolute http(s) URL such as https://hub.example/, got "${url}"`);
      }
    }
    return urls;
  }

  /** Hostnames, comma-separated; unset gives the defaults, `none` gives none. */
  hosts(name: string, fallback: readonly string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return [...fallback];
    if (value.toLowerCase() === 'none') return [];
    const hosts = this.list(name).map((host) => host.toLowerCase());
    for (const host of hosts) {
      if (
        !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)
      ) {
        this.fail(name, `every entry must be a hostname such as www.youtube.com, got "${host.slice(0, 100)}"`);
      }
    }
    return hosts;
  }

  tokens(name: string): string[] {
    const tokens = this.list(name);
    const short = tokens.filter((token) => token.length < MIN_SECRET_LENGTH);
    if (short.length > 0) {
      const lengths = short.map((token) => token.length).join(', ');
      this.fail(
        name,
        `every entry must be at least ${MIN_SECRET_LENGTH} characters long, got ${short.length} shorter (${lengths} characters)`,
      );
    }
    return tokens;
  }

  /** An optional URL of one of `protocols`; its password, if any, is never echoed in the message. */
  url(name: string, protocols: readonly string[], example: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      // Reported below.
    }
    if (protocol && protocols.includes(protocol)) return value;
    this.fail(name, `must be a URL such as ${example}, got one starting "${value.split(/[:/@]/)[0]}"`);
    return undefined;
  }

  /**
   * An address or host name to listen on. A name whose last label is all digits is read as an IPv4 address by
   * every URL parser (WHATWG URL §3.5), so "999.1.1.1" is a broken address, not a host name.
   */
  host(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const unbracketed = value.replace(/^\[(.*)\]$/, '$1');
    if (isIP(unbracketed) !== 0) return unbracketed;
    const labels = value.split('.');
    const hostName = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
    if (value.length <= 253 && labels.every((label) => hostName.test(label)) && !/^\d+$/.test(labels.at(-1)!)) {
      return value;
    }
    this.fail(name, `must be an IP address or a host name such as 127.0.0.1, 0.0.0.0, :: or localhost, got "${value}"`);
    return fallback;
  }

  origin(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http');
      if (url.search || url.hash) throw new TypeError('query');
      return url.href.replace(/\/+$/, '');
    } catch {
      this.fail(name, `must be an absolute http(s) URL such as https://feeds.example.com, got "${value}"`);
      return fallback;
    }
  }
}

/** Shortest API token and signing key accepted: a short secret can be guessed (the README's settings table says so). */
export const MIN_SECRET_LENGTH = 16;

/** `http://HOST:PORT`, the default public origin (IPv6 addresses in brackets, RFC 3986 §3.2.2). */
/** The unspecified addresses (RFC 4291 section 2.5.2, and 0.0.0.0): listening on every interface. */
function isEveryInterface(host: string): boolean {
  return /^(0\.0\.0\.0|\[?(0{0,4}:){2,7}0{0,4}\]?)$/.test(host);
}

export function listenOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const item of Object.values(value)) {
    if (item && typeof item === 'object') deepFreeze(item);
  }
  return Object.freeze(value);
}
