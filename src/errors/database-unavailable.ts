import { DomainError } from './domain-error';

/** How long a client is told to wait before trying again while the database does not answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL SQLSTATE classes and codes that mean "the database is not there right now",
 * not "this request is wrong": connection exceptions, a statement cancelled by
 * statement_timeout, a server shutting down or still starting, too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '53000']);

/** What node-postgres and pg-pool say when a connection cannot be had or a query gets no answer. */
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /Connection terminated/i,
  /connection timeout/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** True when `error`, or what it wraps (TypeORM's driverError, an Error's cause), says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    const { code, driverError, originalError } = current as Error & { code?: unknown; driverError?: unknown; originalError?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ''))) return true;
    current = driverError ?? originalError ?? current.cause;
  }
  return false;
}

export const serviceUnavailable = () =>
  new DomainError('SERVICE_UNAVAILABLE', `The database is not answering; retry in ${DATABASE_RETRY_AFTER_SECONDS} s`, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
