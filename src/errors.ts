/**
 * The one error family. Every error the service raises is an AppError with a code from ERRORS: the code's HTTP
 * status and meaning are listed here and nowhere else (the error middleware answers with them; /openapi.json lists
 * them per route). Each carries `expose` (Koa's convention: 4xx messages are shown to clients, 5xx messages are
 * replaced by the status text; a 503 that a client can act on is exposed too).
 */
export interface ErrorIssue {
  path: string;
  message: string;
}

interface ErrorEntry {
  /** The HTTP status the code is answered with. */
  status: number;
  /** What went wrong, for the API description: what the client or the operator should do is in the message. */
  meaning: string;
  /** Never an HTTP answer: the error stops the service or a command at start, or is only logged. */
  answered?: false;
}

export const ERRORS = {
  // ── Requests: routes, bodies, ids ────────────────────────────────────────────────────────────────────────────
  NOT_FOUND: { status: 404, meaning: 'no route or file at this path' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    meaning: 'the path exists but not for this method (501 for a method no route knows); see Allow',
  },
  BAD_REQUEST: { status: 400, meaning: 'Node or Koa could not read the request' },
  BAD_BODY: { status: 400, meaning: 'the request body could not be read' },
  MALFORMED_JSON: { status: 400, meaning: 'the body is empty or not JSON' },
  JSON_TOO_DEEP: { status: 400, meaning: 'the JSON body nests deeper than the service reads' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'the body passes SYNDICARD_BODY_LIMIT' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'the body is not UTF-8 application/json' },
  INVALID_ID: { status: 400, meaning: 'the article id is not 1–200 URL-safe characters' },
  ID_MISMATCH: { status: 400, meaning: "the record's id is not the one in the URL" },
  INVALID_LIMIT: { status: 400, meaning: 'limit is not a whole number in range' },
  INVALID_CURSOR: { status: 400, meaning: 'the cursor is not one this service handed out' },
  INVALID_ARTICLE: { status: 422, meaning: 'the record breaks the schema: every problem is listed in `issues`' },
  ARTICLE_NOT_FOUND: { status: 404, meaning: 'no article with this id' },
  // ── Feeds ────────────────────────────────────────────────────────────────────────────────────────────────────
  FEED_NOT_FOUND: { status: 404, meaning: 'no feed for this section, author or tag' },
  ARCHIVE_PAGE_NOT_FOUND: { status: 404, meaning: 'no archive page with this number' },
  SECTION_NOT_FOUND: { status: 404, meaning: 'no stored article has this section' },
  AUTHOR_NOT_FOUND: { status: 404, meaning: 'no stored article has this author' },
  TAG_NOT_FOUND: { status: 404, meaning: 'no stored article has this tag' },
  // ── Cards and media ──────────────────────────────────────────────────────────────────────────────────────────
  CARD_NOT_FOUND: { status: 404, meaning: 'not a card path: cards end in .png or .jpg' },
  MEDIA_NOT_FOUND: { status: 404, meaning: 'no bundled media file at this path' },
  AD_HOC_CARDS_DISABLED: { status: 404, meaning: 'ad-hoc cards are off: SYNDICARD_SIGNING_KEYS is not set' },
  INVALID_CARD_REQUEST: { status: 400, meaning: 'a card field is missing or invalid' },
  QUERY_TOO_LONG: { status: 414, meaning: 'the card query passes 2 KB' },
  SIGNATURE_REQUIRED: { status: 403, meaning: 'the ad-hoc card URL carries no signature' },
  SIGNATURE_INVALID: { status: 403, meaning: 'the signature does not match the query under any signing key' },
  SIGNING_NOT_ENABLED: { status: 409, meaning: 'there is no signing key to sign with: set SYNDICARD_SIGNING_KEYS' },
  CARD_RATE_LIMITED: { status: 429, meaning: 'too many new ad-hoc cards from this client; see Retry-After' },
  CARD_QUEUE_FULL: { status: 503, meaning: 'every renderer is busy and the queue is full' },
  CARD_RENDER_FAILED: {
    status: 503,
    meaning: 'the renderer crashed or ran out of time; the card may be asked for again',
  },
  CARD_RENDERER_STOPPED: { status: 503, meaning: 'the renderer is shutting down' },
  CARD_PHOTO_UNAVAILABLE: { status: 503, meaning: "the card's photo cannot be fetched just now" },
  // ── Access and the service ───────────────────────────────────────────────────────────────────────────────────
  UNAUTHENTICATED: { status: 401, meaning: 'no bearer token; see WWW-Authenticate' },
  FORBIDDEN: { status: 403, meaning: 'the bearer token is not valid here' },
  AUTH_RATE_LIMITED: { status: 429, meaning: 'too many failed authentications from this client; see Retry-After' },
  METRICS_OFF: { status: 404, meaning: 'metrics are off: SYNDICARD_METRICS_TOKEN is not set' },
  NOT_READY: { status: 503, meaning: 'not ready to serve (starting, shutting down, or the store is down)' },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: 'a fault of the service: the log has the details' },
  // ── The article store (503s a client may retry after Retry-After) ────────────────────────────────────────────
  STORE_BUSY: { status: 503, meaning: 'another writer held the store past the busy timeout' },
  STORE_CORRUPT: { status: 503, meaning: 'the store found damaged data; an operator must restore it' },
  STORE_READ_ONLY: { status: 503, meaning: 'the store cannot be written (read-only file or file system)' },
  STORE_FULL: { status: 503, meaning: 'the disk is full' },
  STORE_UNAVAILABLE: { status: 503, meaning: 'the database cannot be reached' },
  // ── Photos: logged; the card is drawn without its photo, or its versioned URL answers CARD_PHOTO_UNAVAILABLE.
  // 422 when the URL or what it points at breaks our rules (the record must change); 502 when the remote server
  // failed us and 504 when it was too slow (both may pass on a retry).
  IMAGE_URL_INVALID: { status: 422, meaning: 'the photo URL is not an absolute http(s) URL', answered: false },
  IMAGE_ADDRESS_BLOCKED: {
    status: 422,
    meaning: 'the photo host resolves to an address the guard refuses',
    answered: false,
  },
  IMAGE_TOO_LARGE: { status: 422, meaning: 'the photo passes SYNDICARD_IMAGE_MAX_BYTES', answered: false },
  IMAGE_NOT_AN_IMAGE: { status: 422, meaning: 'the photo is not a JPEG, PNG, WebP, GIF or AVIF', answered: false },
  IMAGE_HTTP_STATUS: { status: 502, meaning: 'the photo server answered an error status', answered: false },
  IMAGE_UNREACHABLE: { status: 502, meaning: 'the photo server could not be reached', answered: false },
  IMAGE_TOO_MANY_REDIRECTS: { status: 502, meaning: 'the photo URL redirects too often', answered: false },
  IMAGE_TIMEOUT: { status: 504, meaning: 'the photo took longer than SYNDICARD_IMAGE_TIMEOUT_MS', answered: false },
  // ── Start-up (they stop the service or a command, and are never an HTTP answer) ──────────────────────────────
  INVALID_CONFIG: { status: 500, meaning: 'a setting or the site settings file is invalid', answered: false },
  INVALID_SITE: { status: 422, meaning: 'the site settings break their schema', answered: false },
  DATA_DIR_UNUSABLE: { status: 500, meaning: 'the data directory cannot be made or written', answered: false },
  STORE_OPEN_FAILED: { status: 500, meaning: 'the article store cannot be opened', answered: false },
  STORE_MIGRATION_FAILED: { status: 500, meaning: 'a PostgreSQL schema migration failed', answered: false },
  FONTS_MANIFEST_INVALID: { status: 500, meaning: 'fonts.json cannot be read or breaks its schema', answered: false },
  FONT_FILE_UNREADABLE: { status: 500, meaning: 'a font file is missing or not a font satori reads', answered: false },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;
/** The codes answered with `status`: `httpError(404, 'ARTICLE_NOT_FOUND', …)` type-checks, `httpError(400, …)` not. */
export type ErrorCodeWithStatus<S extends number> = {
  [K in ErrorCode]: (typeof ERRORS)[K]['status'] extends S ? K : never;
}[ErrorCode];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/**
 * What went wrong, as text, whatever was thrown: an Error's message, else the value as a string. Never throws itself
 * (a thrown object whose `toString` is not callable, `{ toString: [] }`, is shown as JSON), so a handler reporting
 * one failure cannot fail with another.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return JSON.stringify(error) ?? typeof error;
  }
}

export interface AppErrorOptions {
  /** Only where one code is answered with another status than ERRORS lists (METHOD_NOT_ALLOWED as a 501). */
  status?: number;
  cause?: unknown;
  issues?: ErrorIssue[];
  expose?: boolean;
  /** Response headers that go with the error whatever its status (Retry-After on a 503, say). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? ERRORS[code].status;
    this.expose = options.expose ?? this.status < 500;
    this.issues = options.issues;
    this.headers = options.headers;
  }
}

/** A record or request body that does not satisfy the schema: every problem is listed in `issues`. */
export class ValidationError extends AppError {
  constructor(message: string, issues: ErrorIssue[], code: ErrorCodeWithStatus<422> = 'INVALID_ARTICLE') {
    super(code, message, { issues });
  }
}

/** Configuration that cannot start the service; the message lists every problem and names the setting. */
export class ConfigError extends AppError {
  constructor(issues: ErrorIssue[]) {
    super(
      'INVALID_CONFIG',
      `invalid configuration:\n${issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n')}`,
      { issues, expose: false },
    );
  }
}

/**
 * A request the service cannot serve now but may serve later: 503 with its own UPPER_SNAKE code (exposed, unlike
 * other 5xx, because a client acts on it) and `Retry-After` in seconds (RFC 9110 section 10.2.3). The message
 * must not carry internals: it is shown to clients.
 */
export class UnavailableError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(
    code: ErrorCodeWithStatus<503>,
    message: string,
    retryAfterSeconds: number,
    cause?: unknown,
    issues?: ErrorIssue[],
  ) {
    super(code, message, {
      expose: true,
      cause,
      issues,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
