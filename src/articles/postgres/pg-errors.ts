import { type StoreFaultCode, StoreUnavailableError } from '../store/index.js';

/** Socket errors meaning the server cannot be reached right now. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs (PostgreSQL docs, appendix A) that are faults of the moment rather than bugs, and the store code each
 * becomes: class 08 connection exceptions, 57P01–57P03 (shutting down, crashed, starting up or recovering) and 53300
 * (too many connections) mean the server is out of reach; the others are a busy, full, read-only or damaged database.
 */
function faultOf(sqlState: string): StoreFaultCode | undefined {
  if (/^(08...|57P0[123]|53300)$/.test(sqlState)) return 'STORE_UNAVAILABLE';
  if (['40001', '40P01', '55P03', '57014'].includes(sqlState)) return 'STORE_BUSY';
  if (sqlState === '53100') return 'STORE_FULL';
  if (sqlState === '25006') return 'STORE_READ_ONLY';
  if (sqlState === 'XX001' || sqlState === 'XX002') return 'STORE_CORRUPT';
  return undefined;
}

/** node-postgres reports a lost or refused connection with plain Errors carrying only these messages. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Query read timeout|not queryable/i;

const MESSAGES: Record<StoreFaultCode, string> = {
  STORE_UNAVAILABLE: 'the article database cannot be reached; try again shortly',
  STORE_BUSY: 'the article database is busy; try again shortly',
  STORE_FULL: 'the article database is out of disk space',
  STORE_READ_ONLY: 'the article database accepts no writes (read-only)',
  STORE_CORRUPT: 'the article database reported damaged data',
};

function codeOf(error: unknown): StoreFaultCode | undefined {
  if (error instanceof StoreUnavailableError) return error.code;
  if (!(error instanceof Error)) return undefined;
  if (error instanceof AggregateError) return error.errors.map(codeOf).find(Boolean);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'STORE_UNAVAILABLE';
    const fault = faultOf(code);
    if (fault) return fault;
  }
  return UNAVAILABLE_MESSAGES.test(error.message) ? 'STORE_UNAVAILABLE' : undefined;
}

/** True when `error` says the database is out of reach (so a read may answer what it read last). */
export function isUnreachable(error: unknown): boolean {
  return codeOf(error) === 'STORE_UNAVAILABLE';
}

/**
 * The error a caller should see: a StoreUnavailableError (503 with Retry-After and a STORE_ code, message without
 * the driver's words, which stay in `cause` for the log) for a fault of the moment, else the error itself.
 */
export function translate(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = codeOf(error);
  return code ? new StoreUnavailableError(code, MESSAGES[code], error) : error;
}
