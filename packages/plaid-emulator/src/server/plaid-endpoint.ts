import express, { type Express, type Request, type Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorServices } from './emulator-services';
import type { ItemRecord } from '../state/emulator-state';
import { EmulatedPlaidError, plaidErrorBody } from '../errors/plaid-error';
import { newRequestId, parsePlaidToken } from '../state/plaid-id';
import { parseRequestBody, type ObjectSchema } from './request-schema';

/** The answer of a handler; the pipeline adds Plaid's `request_id`. */
type Answer<Res> = Omit<Res, 'request_id'>;

/** One Plaid route: everything after authentication is the endpoint's. */
export interface PlaidEndpoint {
  path: string;
  /** The request body's shape (what tests derive valid and invalid bodies from). */
  schema: ObjectSchema;
  /** How the endpoint treats its Item; null for endpoints that take no access token. */
  access: ItemAccess | null;
  /** False only where Plaid's spec asks for no keys (`/categories/get`). */
  requiresKeys: boolean;
  handle(body: unknown, services: EmulatorServices): Promise<object>;
}

export interface ApiCredentials {
  clientId: string;
  secret: string;
}

/** An endpoint that needs no Item (Link tokens, institutions, verification keys). */
export function clientEndpoint<Req, Res>(
  path: string,
  schema: ObjectSchema,
  handler: (request: Req, services: EmulatorServices) => Answer<Res> | Promise<Answer<Res>>,
  requiresKeys = true,
): PlaidEndpoint {
  return {
    path,
    schema,
    access: null,
    requiresKeys,
    async handle(body, services) {
      const request = parseRequestBody<Req>(schema, body);
      services.faults.check(path, null);
      return handler(request, services);
    },
  };
}

/**
 * `any`: the Item may be in an error state (/item/get, /item/remove, sandbox tools).
 * `healthy`: data endpoints, which answer with the Item's error while it has one.
 */
export type ItemAccess = 'any' | 'healthy';

export function itemEndpoint<Req extends { access_token: string }, Res>(
  path: string,
  schema: ObjectSchema,
  access: ItemAccess,
  handler: (request: Req, item: ItemRecord, services: EmulatorServices) => Answer<Res> | Promise<Answer<Res>>,
): PlaidEndpoint {
  return {
    path,
    schema,
    access,
    requiresKeys: true,
    async handle(body, services) {
      const request = parseRequestBody<Req>(schema, body);
      const item = resolveItem(request.access_token, services);
      services.faults.check(path, item.item_id);
      services.rateLimiter.check(path, item.item_id);
      if (access === 'healthy' && item.error) throw new EmulatedPlaidError(item.error);
      return handler(request, item, services);
    },
  };
}

/** Finds the Item behind an access token, failing as Plaid does for bad, foreign or removed tokens. */
export function resolveItem(accessToken: string, services: EmulatorServices): ItemRecord {
  const parsed = parsePlaidToken(accessToken);
  if (!parsed || parsed.kind !== 'access') {
    throw EmulatedPlaidError.of('INVALID_ACCESS_TOKEN', {
      message: 'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
    });
  }
  if (parsed.environment !== 'sandbox') {
    throw EmulatedPlaidError.of('INVALID_ACCESS_TOKEN', {
      message: `provided access token is for the ${parsed.environment} environment, but the request was made to sandbox`,
    });
  }
  const item = services.state.itemByAccessToken(accessToken);
  if (item) return item;
  if (services.state.wasRemoved(accessToken)) throw EmulatedPlaidError.of('ITEM_NOT_FOUND');
  throw EmulatedPlaidError.of('INVALID_ACCESS_TOKEN');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

/** Plaid takes the keys from the body or from the PLAID-CLIENT-ID / PLAID-SECRET headers. */
export function authenticate(body: Record<string, unknown>, headers: IncomingHttpHeaders, credentials: ApiCredentials): void {
  const clientId = readString(body, 'client_id') ?? headerValue(headers, 'plaid-client-id');
  const secret = readString(body, 'secret') ?? headerValue(headers, 'plaid-secret');
  const missing = [clientId === undefined ? 'client_id' : null, secret === undefined ? 'secret' : null].filter(Boolean);
  if (missing.length > 0) {
    throw EmulatedPlaidError.of('MISSING_FIELDS', { message: `the following required fields are missing: ${missing.join(', ')}` });
  }
  if (clientId !== credentials.clientId || secret !== credentials.secret) throw EmulatedPlaidError.of('INVALID_API_KEYS');
}

export function parseJsonBody(raw: unknown): Record<string, unknown> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw EmulatedPlaidError.of('INVALID_BODY');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw EmulatedPlaidError.of('INVALID_BODY');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw EmulatedPlaidError.of('INVALID_BODY');
  return parsed as Record<string, unknown>;
}

export function sendPlaidError(res: Response, error: unknown, requestId: string, services: EmulatorServices): void {
  if (error instanceof EmulatedPlaidError) {
    res.status(error.status).json({ ...error.body, request_id: requestId });
    return;
  }
  services.logger.error({ err: error, requestId }, 'emulator request failed');
  const body = plaidErrorBody('INTERNAL_SERVER_ERROR');
  res.status(500).json({ ...body, request_id: requestId });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Mounts Plaid's routes: raw body, injected latency, JSON parse, keys, then the endpoint.
 * Every failure leaves as a Plaid error object with Plaid's HTTP status.
 */
export function mountPlaidEndpoints(
  app: Express,
  endpoints: readonly PlaidEndpoint[],
  services: EmulatorServices,
  credentials: ApiCredentials,
): void {
  const rawBody = express.raw({ type: () => true, limit: '5mb' });
  for (const endpoint of endpoints) {
    app.post(endpoint.path, rawBody, async (req: Request, res: Response) => {
      const requestId = newRequestId();
      try {
        const latency = services.faults.latencyFor(endpoint.path);
        if (latency > 0) await delay(latency);
        const body = parseJsonBody(req.body);
        if (endpoint.requiresKeys) authenticate(body, req.headers, credentials);
        const answer = await endpoint.handle(body, services);
        res.status(200).json({ ...answer, request_id: requestId });
      } catch (error) {
        sendPlaidError(res, error, requestId, services);
      }
    });
  }
}
