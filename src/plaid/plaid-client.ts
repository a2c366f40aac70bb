import { Configuration, PlaidApi, PlaidEnvironments } from 'plaid';
import type { Logger } from 'pino';
import type { PlaidConfig } from '../config/config';
import { PlaidApiError } from './plaid-api-error';
import { isRateLimited, isTransient } from './plaid-error-mapping';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

/** The PlaidApi methods the gateway uses. */
export type PlaidMethod =
  | 'linkTokenCreate'
  | 'linkTokenGet'
  | 'itemPublicTokenExchange'
  | 'itemGet'
  | 'itemRemove'
  | 'itemWebhookUpdate'
  | 'accountsGet'
  | 'accountsBalanceGet'
  | 'authGet'
  | 'identityGet'
  | 'identityMatch'
  | 'transactionsSync'
  | 'transactionsRefresh'
  | 'transactionsRecurringGet'
  | 'institutionsGetById'
  | 'webhookVerificationKeyGet'
  | 'sandboxPublicTokenCreate'
  | 'sandboxItemFireWebhook'
  | 'sandboxItemResetLogin'
  | 'sandboxTransactionsCreate';

export type RequestOf<M extends PlaidMethod> = Parameters<PlaidApi[M]>[0];
export type ResponseOf<M extends PlaidMethod> = Awaited<ReturnType<PlaidApi[M]>>['data'];

/**
 * Calls that give the same outcome when repeated. Exchanging a public token (single use),
 * removing an Item and the sandbox writes are not: a retry after a lost answer would fail
 * or act twice, so they are tried once.
 */
const SAFE_TO_REPEAT: ReadonlySet<PlaidMethod> = new Set<PlaidMethod>([
  'linkTokenCreate',
  'linkTokenGet',
  'itemGet',
  'itemWebhookUpdate',
  'accountsGet',
  'accountsBalanceGet',
  'authGet',
  'identityGet',
  'identityMatch',
  'transactionsSync',
  'transactionsRecurringGet',
  'institutionsGetById',
  'webhookVerificationKeyGet',
]);

export interface PlaidCallOptions {
  retryRateLimits?: boolean;
  deadlineMs?: number | null;
}

export interface PlaidCallObserver {
  (call: { endpoint: PlaidMethod; outcome: string; durationMs: number; attempt: number }): void;
}

export interface PlaidClientOptions {
  config: PlaidConfig;
  /** The emulator's URL, PLAID_BASE_URL, or undefined for Plaid's own host of `config.env`. */
  baseUrl?: string;
  logger: Logger;
  retryPolicy?: RetryPolicy;
  onCall?: PlaidCallObserver;
  sleep?: (ms: number) => Promise<void>;
}

/** The only door to Plaid: one client, a timeout on every call, retries where repeating is safe. */
export class PlaidClient {
  private readonly api: PlaidApi;
  private readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PlaidClientOptions) {
    const { config } = options;
    const basePath = options.baseUrl ?? (config.env === 'production' ? PlaidEnvironments.production : PlaidEnvironments.sandbox);
    this.api = new PlaidApi(
      new Configuration({
        basePath,
        baseOptions: {
          timeout: config.timeoutMs,
          headers: { 'PLAID-CLIENT-ID': config.clientId, 'PLAID-SECRET': config.secret, 'Plaid-Version': '2020-09-14' },
        },
      }),
    );
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * `retryRateLimits: false` for limits counted per minute (real-time balance): retrying within
   * seconds only spends more of the allowance, so the caller reports the limit instead.
   * `deadlineMs` bounds the whole call, retries included: PLAID_INTERACTIVE_DEADLINE_MS unless
   * the caller says otherwise (`null`: background work, bounded by the attempts alone).
   */
  async call<M extends PlaidMethod>(method: M, request: RequestOf<M>, options: PlaidCallOptions = {}): Promise<ResponseOf<M>> {
    const attempts = SAFE_TO_REPEAT.has(method) ? this.retryPolicy.maxAttempts : 1;
    const deadlineMs = options.deadlineMs === undefined ? this.options.config.interactiveDeadlineMs : options.deadlineMs;
    const deadlineAt = deadlineMs === null ? Infinity : performance.now() + deadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const invoke = this.api[method] as (body: RequestOf<M>, axiosOptions: { timeout: number }) => Promise<{ data: ResponseOf<M> }>;
        const timeout = Math.max(1, Math.min(this.options.config.timeoutMs, Math.round(deadlineAt - started)));
        const { data } = await invoke.call(this.api, request, { timeout });
        this.options.onCall?.({ endpoint: method, outcome: 'ok', durationMs: performance.now() - started, attempt });
        return data;
      } catch (thrown) {
        const error = PlaidApiError.from(method, thrown);
        const durationMs = performance.now() - started;
        this.options.onCall?.({ endpoint: method, outcome: error.errorCode ?? error.kind, durationMs, attempt });
        const delay = backoffDelayMs(this.retryPolicy, attempt);
        const pastDeadline = performance.now() + delay >= deadlineAt;
        if (attempt >= attempts || pastDeadline || !isTransient(error) || (options.retryRateLimits === false && isRateLimited(error))) {
          this.options.logger.warn({ plaid: error.toLog(), attempt, pastDeadline }, 'Plaid call failed');
          throw error;
        }
        this.options.logger.info({ plaid: error.toLog(), attempt, retryInMs: delay }, 'Plaid call failed; retrying');
        await this.sleep(delay);
      }
    }
  }
}
