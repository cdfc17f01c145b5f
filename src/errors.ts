/**
 * Domain errors. Each carries an HTTP-ish `status`, a stable `code` callers can branch on, and `expose`
 * (Koa's convention: 4xx messages are shown to clients, 5xx messages are replaced by the status text).
 */
export interface ErrorIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  status?: number;
  cause?: unknown;
  issues?: ErrorIssue[];
  expose?: boolean;
  /** Response headers that go with the error whatever its status (Retry-After on a 503, say). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
    this.issues = options.issues;
    this.headers = options.headers;
  }
}

/** A record or request body that does not satisfy the schema: every problem is listed in `issues`. */
export class ValidationError extends AppError {
  constructor(message: string, issues: ErrorIssue[], code = 'INVALID_ARTICLE') {
    super(code, message, { status: 422, issues });
  }
}

/** Configuration that cannot start the service; the message lists every problem and names the setting. */
export class ConfigError extends AppError {
  constructor(issues: ErrorIssue[]) {
    super(
      'INVALID_CONFIG',
      `invalid configuration:\n${issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n')}`,
      { status: 500, issues, expose: false },
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

  constructor(code: string, message: string, retryAfterSeconds: number, cause?: unknown, issues?: ErrorIssue[]) {
    super(code, message, {
      status: 503,
      expose: true,
      cause,
      issues,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
