import express, { type Express, type Request, type Response } from 'express';
import { Products } from '../data/plaid-enums';
import type {
  AddLatencyRequest,
  AdvanceClockRequest,
  AdvanceClockResponse,
  CreateItemRequest,
  CreateItemResponse,
  DeliveryModeRequest,
  FailNextSyncPageRequest,
  FaultRulesResponse,
  InjectErrorRequest,
  ModifyTransactionRequest,
  ModifyTransactionResponse,
  RateLimitsRequest,
  SetBalancesRequest,
  RateLimitsResponse,
  RotateWebhookKeyResponse,
  RuleCreatedResponse,
  WebhookDeliveriesResponse,
} from './control-api-types';
import { isoDateTime } from '../state/emulator-clock';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord } from '../state/emulator-state';
import { PLAID_PRODUCTS } from '../api/endpoint-request-schemas';
import { issuePublicToken, linkItem } from '../link/item-linker';
import { recordLinkSession, requireLinkToken } from '../link/link-session';
import { authenticate, parseJsonBody, sendPlaidError, type ApiCredentials } from '../server/plaid-endpoint';
import { EmulatedPlaidError, isPlaidErrorCode } from '../errors/plaid-error';
import { newRequestId } from '../state/plaid-id';
import { isRateLimitedEndpoint, type RateLimitSettings } from '../server/rate-limiter';
import { parseRequestBody, type ObjectSchema } from '../server/request-schema';
import { interpretSandboxLogin } from '../data/sandbox-credentials';
import { modifyTransaction } from '../state/transaction-updates';
import { itemAccountTemplates } from '../api/item-view';

export const CONTROL_PREFIX = '/emulator';
const MAX_GENERATED_TRANSACTIONS = 1_000_000;
const DEFAULT_CONTROL_PRODUCTS = [Products.Transactions, Products.Auth, Products.Identity];

const positiveInteger = { type: 'integer', minimum: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;

const schemas = {
  injectError: {
    type: 'object',
    required: ['endpoint', 'error_code'],
    properties: {
      endpoint: { type: 'string', minLength: 1 },
      error_code: { type: 'string', minLength: 1 },
      times: positiveInteger,
      probability: { type: 'number' },
      item_id: { type: 'string' },
    },
  },
  addLatency: {
    type: 'object',
    required: ['endpoint', 'ms'],
    properties: {
      endpoint: { type: 'string', minLength: 1 },
      ms: { type: 'integer', minimum: 0, maximum: 600_000 },
      times: positiveInteger,
    },
  },
  failNextSyncPage: { type: 'object', properties: { after_pages: count } },
  deliveryMode: { type: 'object', properties: { duplicate: count, reorder: count } },
  createItem: {
    type: 'object',
    properties: {
      transactions: { type: 'integer', minimum: 0, maximum: MAX_GENERATED_TRANSACTIONS },
      history_days: { type: 'integer', minimum: 1, maximum: 730 },
      webhook: { type: 'string', format: 'url', nullable: true },
      institution_id: { type: 'string' },
      products: { type: 'array', items: { type: 'string', enum: PLAID_PRODUCTS }, minItems: 1 },
      username: { type: 'string' },
      password: { type: 'string' },
      link_token: { type: 'string', minLength: 1 },
    },
  },
  modifyTransaction: {
    type: 'object',
    properties: {
      amount: { type: 'number' },
      name: { type: 'string', minLength: 1 },
      merchant_name: { type: 'string', nullable: true },
      date: { type: 'string', format: 'date' },
    },
  },
  rateLimits: { type: 'object', properties: { limits: { type: 'object' }, reset: { type: 'boolean' }, disable_all: { type: 'boolean' } } },
  setBalances: {
    type: 'object',
    properties: {
      available: { type: 'number', nullable: true },
      current: { type: 'number', nullable: true },
      limit: { type: 'number', nullable: true },
    },
  },
  advanceClock: { type: 'object', required: ['ms'], properties: { ms: { type: 'integer', minimum: 0 } } },
  empty: { type: 'object', properties: {} },
} as const satisfies Record<string, ObjectSchema>;

function controlItem(services: EmulatorServices, itemId: string | string[] | undefined): ItemRecord {
  const item = typeof itemId === 'string' ? services.state.item(itemId) : undefined;
  if (!item) throw EmulatedPlaidError.of('NOT_FOUND', { message: `no Item ${String(itemId)}` });
  return item;
}

function rateLimitSettings(request: RateLimitsRequest): RateLimitSettings {
  if (request.disable_all) return false;
  const settings: Exclude<RateLimitSettings, false> = {};
  for (const [path, limit] of Object.entries(request.limits ?? {})) {
    if (!isRateLimitedEndpoint(path) || !(limit === false || (typeof limit === 'number' && Number.isInteger(limit) && limit > 0))) {
      throw EmulatedPlaidError.of('INVALID_FIELD', {
        message: `limits.${path} must be a rate-limited Plaid path with a positive integer or false`,
      });
    }
    settings[path] = limit;
  }
  return settings;
}

type ControlHandler = (body: Record<string, unknown>, req: Request, services: EmulatorServices) => object | Promise<object>;

/**
 * The emulator's own API for tests, benchmarks and frontend teams: faults, webhooks
 * delivery modes, key rotation, generated Items, rate limits and time. It takes the same
 * credentials as the Plaid API and answers errors as Plaid error objects.
 */
export function mountControlRoutes(app: Express, services: EmulatorServices, credentials: ApiCredentials): void {
  const rawBody = express.raw({ type: () => true, limit: '1mb' });
  const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, handler: ControlHandler) => {
    app[method](`${CONTROL_PREFIX}${path}`, rawBody, async (req: Request, res: Response) => {
      const requestId = newRequestId();
      try {
        const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? parseJsonBody(req.body) : {};
        authenticate({}, req.headers, credentials);
        res.status(200).json(await handler(body, req, services));
      } catch (error) {
        sendPlaidError(res, error, requestId, services);
      }
    });
  };

  app.get(`${CONTROL_PREFIX}/health`, (_req, res) => {
    res.json({ status: 'ok' });
  });

  route('post', '/errors', (body): RuleCreatedResponse => {
    const request = parseRequestBody<InjectErrorRequest>(schemas.injectError, body);
    if (!isPlaidErrorCode(request.error_code)) {
      throw EmulatedPlaidError.of('INVALID_FIELD', { message: `error_code ${request.error_code} is not a Plaid error the emulator knows` });
    }
    const probability = request.probability ?? 1;
    if (!(probability > 0 && probability <= 1)) throw EmulatedPlaidError.of('INVALID_FIELD', { message: 'probability must be in (0, 1]' });
    const rule = services.faults.addError({
      endpoint: request.endpoint,
      error_code: request.error_code,
      times: request.times ?? null,
      probability,
      item_id: request.item_id ?? null,
    });
    return { id: rule.id };
  });

  route('post', '/latency', (body): RuleCreatedResponse => {
    const request = parseRequestBody<AddLatencyRequest>(schemas.addLatency, body);
    return { id: services.faults.addLatency({ endpoint: request.endpoint, ms: request.ms, times: request.times ?? null }).id };
  });

  route('get', '/faults', (): FaultRulesResponse => services.faults.rules());

  route('delete', '/faults', () => {
    services.faults.clearAll();
    return {};
  });

  route('delete', '/faults/:id', (_body, req) => {
    const id = String(req.params.id);
    if (!services.faults.remove(id)) throw EmulatedPlaidError.of('NOT_FOUND', { message: `no fault rule ${id}` });
    return {};
  });

  route('post', '/items', (body): CreateItemResponse => {
    const request = parseRequestBody<CreateItemRequest>(schemas.createItem, body);
    const linkToken = request.link_token === undefined ? null : requireLinkToken(services, request.link_token);
    const login = request.username !== undefined ? interpretSandboxLogin(request.username, request.password ?? '') : null;
    const transactions = request.transactions;
    const item = linkItem(services, {
      institutionId: request.institution_id ?? 'ins_109508',
      products: (request.products as Products[] | undefined) ?? DEFAULT_CONTROL_PRODUCTS,
      webhook: request.webhook ?? null,
      profile: login?.profile ?? 'generated',
      error: login?.error ?? null,
      historyDays: request.history_days ?? Math.min(730, Math.max(90, Math.ceil((transactions ?? 0) / 40))),
      transactionCount: transactions,
    });
    const publicToken = issuePublicToken(services, item);
    if (linkToken) recordLinkSession(services, linkToken, item, publicToken);
    return { item_id: item.item_id, access_token: item.access_token, public_token: publicToken };
  });

  route('post', '/items/:itemId/fail-next-sync-page', (body, req) => {
    const item = controlItem(services, req.params.itemId);
    const request = parseRequestBody<FailNextSyncPageRequest>(schemas.failNextSyncPage, body);
    services.faults.failSyncPage(item.item_id, request.after_pages ?? 0);
    return {};
  });

  route('post', '/items/:itemId/transactions/:transactionId/modify', (body, req): ModifyTransactionResponse => {
    const item = controlItem(services, req.params.itemId);
    const changes = parseRequestBody<ModifyTransactionRequest>(schemas.modifyTransaction, body);
    return { transaction: modifyTransaction(services, item, String(req.params.transactionId), changes) };
  });

  route('put', '/items/:itemId/accounts/:accountId/balances', (body, req) => {
    const item = controlItem(services, req.params.itemId);
    const accountId = String(req.params.accountId);
    // An account the Item does not have is INVALID_ACCOUNT_ID.
    itemAccountTemplates(item, [accountId]);
    item.balances = {
      ...item.balances,
      [accountId]: { ...item.balances?.[accountId], ...parseRequestBody<SetBalancesRequest>(schemas.setBalances, body) },
    };
    return {};
  });

  route('post', '/webhooks/delivery-mode', (body) => {
    services.dispatcher.setDeliveryMode(parseRequestBody<DeliveryModeRequest>(schemas.deliveryMode, body));
    return {};
  });

  route('get', '/webhooks/deliveries', (): WebhookDeliveriesResponse => ({ deliveries: services.dispatcher.deliveries() }));

  route('post', '/webhooks/flush', async (): Promise<WebhookDeliveriesResponse> => {
    await services.dispatcher.idle();
    return { deliveries: services.dispatcher.deliveries() };
  });

  route('post', '/webhook-keys/rotate', (): RotateWebhookKeyResponse => {
    const { kid, retiredKid } = services.keyRing.rotate(services.clock.now());
    services.persist();
    return { kid, retired_kid: retiredKid };
  });

  route('put', '/rate-limits', (body): RateLimitsResponse => {
    const request = parseRequestBody<RateLimitsRequest>(schemas.rateLimits, body);
    services.rateLimiter.configure(rateLimitSettings(request), request.reset === true);
    return { limits: services.rateLimiter.current() };
  });

  route('post', '/clock/advance', (body): AdvanceClockResponse => {
    const request = parseRequestBody<AdvanceClockRequest>(schemas.advanceClock, body);
    return { now: isoDateTime(services.clock.advance(request.ms)) };
  });

  app.all(`${CONTROL_PREFIX}/*splat`, (_req, res) => {
    sendPlaidError(res, EmulatedPlaidError.of('NOT_FOUND', { message: 'no such control route' }), newRequestId(), services);
  });
}
