import type { Transaction } from 'plaid';
import type { ErrorRule, LatencyRule } from './fault-injector';
import type { RateLimitedEndpoint, RateLimitSettings } from '../server/rate-limiter';
import type { AccountBalanceOverride } from '../state/emulator-state';
import type { TransactionChanges } from '../state/transaction-updates';
import type { WebhookDeliveryAttempt } from '../webhooks/webhook-dispatcher';

/** Bodies of the control API (`/emulator/...`), shared by its routes and its client. */

export interface InjectErrorRequest {
  /** A Plaid path such as `/transactions/sync`, or `*` for every endpoint. */
  endpoint: string;
  /** A Plaid error code the emulator knows, e.g. INSTITUTION_DOWN, INTERNAL_SERVER_ERROR. */
  error_code: string;
  times?: number;
  probability?: number;
  item_id?: string;
}

export interface AddLatencyRequest {
  endpoint: string;
  ms: number;
  times?: number;
}

export interface RuleCreatedResponse {
  id: string;
}

export interface FaultRulesResponse {
  errors: ErrorRule[];
  latencies: LatencyRule[];
}

export interface FailNextSyncPageRequest {
  /** Sync calls for the Item that still succeed before one fails (0: the very next one). */
  after_pages?: number;
}

export interface DeliveryModeRequest {
  duplicate?: number;
  reorder?: number;
}

export interface WebhookDeliveriesResponse {
  deliveries: WebhookDeliveryAttempt[];
}

export interface RotateWebhookKeyResponse {
  kid: string;
  retired_kid: string;
}

export interface CreateItemRequest {
  /** Size of the generated history (up to 1,000,000); computed on demand, never stored. */
  transactions?: number;
  history_days?: number;
  webhook?: string | null;
  institution_id?: string;
  products?: string[];
  /** Sandbox credentials; absent, the Item is a generated one with its own account holder. */
  username?: string;
  password?: string;
  /** A live link token: the Item is then that token's Link session, reported by `/link/token/get`. */
  link_token?: string;
}

export interface CreateItemResponse {
  item_id: string;
  access_token: string;
  /** A fresh public token for the Item, for tests that go through their own exchange. */
  public_token: string;
}

export type ModifyTransactionRequest = TransactionChanges;

/** An account's balance figures as the Plaid endpoints then report them (JSON numbers, as Plaid sends them). */
export type SetBalancesRequest = AccountBalanceOverride;

export interface ModifyTransactionResponse {
  transaction: Transaction;
}

export interface RateLimitsRequest {
  /** Per Plaid path: a new per-minute limit, or false to lift that limit. */
  limits?: Exclude<RateLimitSettings, false>;
  /** Start from Plaid's defaults instead of the current limits. */
  reset?: boolean;
  /** Lift every limit. */
  disable_all?: boolean;
}

export interface RateLimitsResponse {
  limits: Partial<Record<RateLimitedEndpoint, number>>;
}

export interface AdvanceClockRequest {
  ms: number;
}

export interface AdvanceClockResponse {
  now: string;
}
