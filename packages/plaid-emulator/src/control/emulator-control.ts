import type { PlaidError } from 'plaid';
import type {
  AdvanceClockResponse,
  CreateItemResponse,
  FaultRulesResponse,
  ModifyTransactionResponse,
  RateLimitsRequest,
  RateLimitsResponse,
  RotateWebhookKeyResponse,
  RuleCreatedResponse,
  SetBalancesRequest,
  WebhookDeliveriesResponse,
} from './control-api-types';
import type { PlaidErrorCode } from '../errors/plaid-error';
import type { TransactionChanges } from '../state/transaction-updates';
import type { WebhookDeliveryAttempt } from '../webhooks/webhook-dispatcher';

export interface EmulatorControlCredentials {
  clientId: string;
  secret: string;
}

export interface InjectErrorOptions {
  /** Plaid path (`/accounts/get`) or `*`. */
  endpoint: string;
  errorCode: PlaidErrorCode;
  /** Fail this many requests; absent = until cleared. */
  times?: number;
  /** Fail each matching request with this chance. */
  probability?: number;
  itemId?: string;
}

export interface CreateItemOptions {
  transactions?: number;
  historyDays?: number;
  webhook?: string;
  institutionId?: string;
  products?: string[];
  username?: string;
  password?: string;
  /** Makes the Item a Link session of this link token, as if Link had been completed with it. */
  linkToken?: string;
}

export interface CreatedItem {
  itemId: string;
  accessToken: string;
  publicToken: string;
}

/** Thrown for a control call the emulator refused; carries the Plaid-style error body. */
export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: PlaidError,
  ) {
    super(`emulator control call failed (${status}): ${body.error_code} ${body.error_message}`);
    this.name = 'EmulatorControlError';
  }
}

/** Typed client for the emulator's control API (`/emulator/...`). */
export class EmulatorControl {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly credentials: EmulatorControlCredentials,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: object): Promise<T> {
    const response = await fetch(`${this.baseUrl}/emulator${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'PLAID-CLIENT-ID': this.credentials.clientId,
        'PLAID-SECRET': this.credentials.secret,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw new EmulatorControlError(response.status, payload as PlaidError);
    return payload as T;
  }

  async injectError(options: InjectErrorOptions): Promise<string> {
    const created = await this.call<RuleCreatedResponse>('POST', '/errors', {
      endpoint: options.endpoint,
      error_code: options.errorCode,
      times: options.times,
      probability: options.probability,
      item_id: options.itemId,
    });
    return created.id;
  }

  async addLatency(options: { endpoint: string; ms: number; times?: number }): Promise<string> {
    return (await this.call<RuleCreatedResponse>('POST', '/latency', options)).id;
  }

  faults(): Promise<FaultRulesResponse> {
    return this.call('GET', '/faults');
  }

  async removeFault(id: string): Promise<void> {
    await this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  /** Removes every injected error, latency and pending sync-page failure. */
  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** The Item's next sync call (after `afterPages` successful ones) fails with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION. */
  async failNextSyncPage(itemId: string, options: { afterPages?: number } = {}): Promise<void> {
    await this.call('POST', `/items/${encodeURIComponent(itemId)}/fail-next-sync-page`, { after_pages: options.afterPages });
  }

  async createItem(options: CreateItemOptions = {}): Promise<CreatedItem> {
    const created = await this.call<CreateItemResponse>('POST', '/items', {
      transactions: options.transactions,
      history_days: options.historyDays,
      webhook: options.webhook,
      institution_id: options.institutionId,
      products: options.products,
      username: options.username,
      password: options.password,
      link_token: options.linkToken,
    });
    return { itemId: created.item_id, accessToken: created.access_token, publicToken: created.public_token };
  }

  async modifyTransaction(
    itemId: string,
    transactionId: string,
    changes: TransactionChanges,
  ): Promise<ModifyTransactionResponse['transaction']> {
    const path = `/items/${encodeURIComponent(itemId)}/transactions/${encodeURIComponent(transactionId)}/modify`;
    return (await this.call<ModifyTransactionResponse>('POST', path, changes)).transaction;
  }

  /** From now on the Plaid endpoints report these balance figures for the account (a figure left out keeps its value). */
  async setBalances(itemId: string, accountId: string, balances: SetBalancesRequest): Promise<void> {
    await this.call('PUT', `/items/${encodeURIComponent(itemId)}/accounts/${encodeURIComponent(accountId)}/balances`, balances);
  }

  /** The next `duplicate` webhooks go out twice; the next `reorder` ones are delivered after their successor. */
  async deliverWebhooks(mode: { duplicate?: number; reorder?: number }): Promise<void> {
    await this.call('POST', '/webhooks/delivery-mode', mode);
  }

  async webhookDeliveries(): Promise<WebhookDeliveryAttempt[]> {
    return (await this.call<WebhookDeliveriesResponse>('GET', '/webhooks/deliveries')).deliveries;
  }

  /** Waits until every webhook sent so far is delivered or abandoned. */
  async flushWebhooks(): Promise<WebhookDeliveryAttempt[]> {
    return (await this.call<WebhookDeliveriesResponse>('POST', '/webhooks/flush')).deliveries;
  }

  async rotateWebhookKey(): Promise<{ kid: string; retiredKid: string }> {
    const rotated = await this.call<RotateWebhookKeyResponse>('POST', '/webhook-keys/rotate');
    return { kid: rotated.kid, retiredKid: rotated.retired_kid };
  }

  async setRateLimits(request: RateLimitsRequest): Promise<RateLimitsResponse['limits']> {
    return (await this.call<RateLimitsResponse>('PUT', '/rate-limits', request)).limits;
  }

  /** Moves the emulator's clock forward (token expiry, rate-limit windows). */
  async advanceClock(ms: number): Promise<string> {
    return (await this.call<AdvanceClockResponse>('POST', '/clock/advance', { ms })).now;
  }
}
