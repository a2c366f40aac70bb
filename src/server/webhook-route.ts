import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import getRawBody from 'raw-body';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../errors/database-unavailable';
import { WebhookKeyUnavailableError, WebhookVerificationError, type WebhookVerifier } from '../plaid/webhook-verifier';
import { UnstorableWebhookError, type WebhookIntakeService, type WebhookPayload } from '../services/webhook-intake.service';
import { WEBHOOK_PATH } from '../services/webhook-url';
import { requestIdFor } from './request-id';

export interface WebhookObserver {
  /** unavailable: could not be verified because Plaid's key endpoint is down (not a forgery). */
  (event: { type: string; code: string; outcome: 'accepted' | 'duplicate' | 'rejected' | 'unavailable' }): void;
}

/** How long Plaid is asked to wait while its own key endpoint does not answer. */
const KEY_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

const MAX_WEBHOOK_BYTES = 256 * 1024;
/** Plaid gives up on a delivery after 10 s; an answer it waits for must come well before. */
const INTAKE_DEADLINE_MS = 5_000;

class IntakeDeadlineError extends Error {
  constructor() {
    super(`webhook intake took longer than ${INTAKE_DEADLINE_MS} ms`);
    this.name = 'IntakeDeadlineError';
  }
}

export interface WebhookRouteOptions {
  verifier: WebhookVerifier;
  intake: WebhookIntakeService;
  logger: Logger;
  observe?: WebhookObserver;
  /** Sees every answer, for the HTTP metrics. */
  onResponse?: (response: { method: string; statusCode: number; durationSeconds: number }) => void;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The path, with or without a trailing slash (as Express matched it) and whatever the query string. */
export function isWebhookRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path === WEBHOOK_PATH || path === `${WEBHOOK_PATH}/`;
}

/**
 * POST /webhooks/plaid, on the raw bytes (the signature covers them exactly). Anything that
 * fails verification is 401 and writes nothing; one that cannot be verified because Plaid's key
 * endpoint is down is 503 (Plaid retries it); a genuine but unparsable body is 400.
 *
 * Served by node:http ahead of Express: it is the one endpoint Plaid calls at volume, it needs
 * none of the browser-facing middleware (CORS, CSP, request logging per line: it logs its own
 * line), and Express's per-request cost alone held it to half the acks a second the webhook
 * bench asks for.
 */
export function webhookRoute(options: WebhookRouteOptions): WebhookHandler {
  const { logger, observe } = options;
  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdFor(req);
    res.setHeader('X-Request-Id', requestId);
    res.once('finish', () =>
      options.onResponse?.({
        method: req.method ?? 'UNKNOWN',
        statusCode: res.statusCode,
        durationSeconds: (performance.now() - started) / 1000,
      }),
    );
    handle(req, res, requestId).catch((error: unknown) => {
      if (res.headersSent) return;
      // Plaid retries both; a database that does not answer (or answers too slowly) is a 503.
      if (error instanceof IntakeDeadlineError || isDatabaseUnavailable(error)) {
        logger.warn(
          { reason: error instanceof Error ? error.message : String(error), requestId },
          'webhook intake unavailable; Plaid will retry',
        );
        res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        answer(res, 503, { error: 'temporarily unavailable' });
        return;
      }
      logger.error({ err: error, requestId }, 'webhook intake failed');
      answer(res, 500, { error: 'internal error' });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const { verifier, intake } = options;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      answer(res, 405, { error: 'use POST' });
      return;
    }
    let body: Buffer;
    try {
      body = await getRawBody(req, { limit: MAX_WEBHOOK_BYTES, length: req.headers['content-length'] });
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      answer(res, status, { error: status === 413 ? 'webhook body too large' : 'unreadable webhook body' });
      return;
    }
    let verified;
    try {
      verified = await verifier.verify(body, header(req, 'plaid-verification'));
    } catch (error) {
      if (error instanceof WebhookKeyUnavailableError) {
        logger.warn({ reason: error.message, requestId }, 'webhook key unavailable; Plaid will retry');
        observe?.({ type: 'unverified', code: 'unverified', outcome: 'unavailable' });
        res.setHeader('Retry-After', String(KEY_UNAVAILABLE_RETRY_AFTER_SECONDS));
        answer(res, 503, { error: 'temporarily unavailable' });
        return;
      }
      if (!(error instanceof WebhookVerificationError)) throw error;
      logger.warn({ reason: error.message, requestId }, 'webhook refused');
      observe?.({ type: 'unverified', code: 'unverified', outcome: 'rejected' });
      answer(res, 401, { error: 'webhook verification failed' });
      return;
    }
    const payload = parsePayload(body);
    if (!payload) {
      observe?.({ type: 'malformed', code: 'malformed', outcome: 'rejected' });
      answer(res, 400, { error: 'webhook body is not a Plaid webhook' });
      return;
    }
    let stored;
    try {
      // A late intake may still commit after the 503: Plaid's retry is then a duplicate, stored once.
      stored = await withDeadline(intake.receive(body, verified, payload));
    } catch (error) {
      if (!(error instanceof UnstorableWebhookError)) throw error;
      logger.warn({ reason: error.message, requestId, webhookType: payload.webhook_type }, 'webhook refused: it cannot be stored');
      observe?.({ type: 'malformed', code: 'malformed', outcome: 'rejected' });
      answer(res, 400, { error: 'webhook body cannot be stored' });
      return;
    }
    const { outcome, eventId } = stored;
    observe?.({ type: payload.webhook_type, code: payload.webhook_code, outcome });
    logger.info({ eventId, requestId, webhookType: payload.webhook_type, webhookCode: payload.webhook_code, outcome }, 'webhook received');
    answer(res, 200, { received: true, duplicate: outcome === 'duplicate' });
  }
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new IntakeDeadlineError()), INTAKE_DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(res: ServerResponse, statusCode: number, body: object): void {
  const json = JSON.stringify(body);
  res.writeHead(statusCode, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

function parsePayload(body: Buffer): WebhookPayload | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { webhook_type: type, webhook_code: code, item_id: itemId } = parsed as Record<string, unknown>;
  if (typeof type !== 'string' || typeof code !== 'string' || (itemId !== undefined && itemId !== null && typeof itemId !== 'string'))
    return undefined;
  return parsed as WebhookPayload;
}
