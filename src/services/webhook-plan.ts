import { ItemEvent } from '../entities/item-state-machine';
import type { StatusChange } from '../entities/item-status-change';
import { WebhookOutcome } from '../entities/webhook-event.entity';
import { itemErrorChange } from '../plaid/item-status-for-error';
import { UNKNOWN_ITEM_GRACE_MS } from '../jobs/webhook-retry-schedule';
import type { WebhookPayload } from './webhook-intake.service';

export interface WebhookResult {
  outcome: WebhookOutcome;
  note?: string;
}

/** What one webhook asks for. Common kinds are carried out for the whole batch at once. */
export type WebhookAction =
  | { kind: 'sync' }
  | { kind: 'recurring-refresh' }
  | { kind: 'status'; change: Omit<StatusChange, 'occurredAt'>; thenDeleteTransactions: boolean }
  | { kind: 'new-accounts' }
  | { kind: 'revoke-account'; plaidAccountId: string }
  | { kind: 'webhook-url'; url: string | null }
  | { kind: 'done'; result: WebhookResult };

/** A stored webhook, as far as planning reads it. */
export interface PlannableWebhook {
  id: string;
  plaidItemId: string | null;
  receivedAt: Date;
  payload: WebhookPayload;
}

export interface Planned<E, I> {
  event: E;
  item: I;
}

/** One batch's webhooks, sorted by what is done with them. */
export interface WebhookBatchPlan<E, I> {
  /** Decided without any work, with their Item when there is one. */
  settled: Array<{ event: E; item: I | undefined; result: WebhookResult }>;
  /** For an Item not stored here yet, still within the grace period: retried later. */
  notYetKnown: E[];
  syncs: Array<Planned<E, I>>;
  /** Items whose recurring streams Plaid says changed. */
  recurringRefreshes: Array<Planned<E, I>>;
  newAccounts: Array<Planned<E, I>>;
  /** Carried out one by one. */
  own: Array<Planned<E, I> & { action: Extract<WebhookAction, { kind: 'revoke-account' | 'webhook-url' }> }>;
  /** Per Item, its status changes in the order they arrived. */
  statusChanges: Array<Array<Planned<E, I> & Extract<WebhookAction, { kind: 'status' }>>>;
}

/** TRANSACTIONS codes that all mean "there is something new to fetch". */
const SYNC_CODES = new Set(['SYNC_UPDATES_AVAILABLE', 'INITIAL_UPDATE', 'HISTORICAL_UPDATE', 'DEFAULT_UPDATE', 'TRANSACTIONS_REMOVED']);

/** Sorts a batch (oldest first) by what each webhook asks for; `now` decides which unknown Items are still awaited. */
export function planWebhookBatch<E extends PlannableWebhook, I extends { id: string }>(
  events: readonly E[],
  itemByPlaidId: ReadonlyMap<string, I>,
  now: number,
): WebhookBatchPlan<E, I> {
  const plan: WebhookBatchPlan<E, I> = {
    settled: [],
    notYetKnown: [],
    syncs: [],
    recurringRefreshes: [],
    newAccounts: [],
    own: [],
    statusChanges: [],
  };
  const statusChanges = new Map<string, Array<Planned<E, I> & Extract<WebhookAction, { kind: 'status' }>>>();
  for (const event of events) {
    const item = event.plaidItemId ? itemByPlaidId.get(event.plaidItemId) : undefined;
    if (!item) {
      // Plaid can announce an Item (INITIAL_UPDATE) before the exchange that creates it here has committed.
      if (event.plaidItemId && now - event.receivedAt.getTime() < UNKNOWN_ITEM_GRACE_MS) plan.notYetKnown.push(event);
      else plan.settled.push({ event, item: undefined, result: { outcome: WebhookOutcome.IGNORED, note: 'no such Item here' } });
      continue;
    }
    const action = planWebhook(event.payload);
    if (action.kind === 'done') plan.settled.push({ event, item, result: action.result });
    else if (action.kind === 'sync') plan.syncs.push({ event, item });
    else if (action.kind === 'recurring-refresh') plan.recurringRefreshes.push({ event, item });
    else if (action.kind === 'new-accounts') plan.newAccounts.push({ event, item });
    else if (action.kind === 'status') {
      const queue = statusChanges.get(item.id);
      if (queue) queue.push({ event, item, ...action });
      else statusChanges.set(item.id, [{ event, item, ...action }]);
    } else plan.own.push({ event, item, action });
  }
  plan.statusChanges = [...statusChanges.values()];
  return plan;
}

/** What one webhook asks for, from its payload alone. */
export function planWebhook(payload: WebhookPayload): WebhookAction {
  const { webhook_type: type, webhook_code: code } = payload;
  if (type === 'TRANSACTIONS' && SYNC_CODES.has(code)) return { kind: 'sync' };
  if (type === 'TRANSACTIONS' && code === 'RECURRING_TRANSACTIONS_UPDATE') return { kind: 'recurring-refresh' };
  if (type === 'ITEM') return planItemWebhook(payload);
  // Auth numbers are read on demand (/auth/get), so verification news needs no stored state.
  if (type === 'AUTH') return { kind: 'done', result: { outcome: WebhookOutcome.PROCESSED, note: `AUTH ${code} acknowledged` } };
  return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ${type} ${code}` } };
}

function planItemWebhook(payload: WebhookPayload): WebhookAction {
  const code = payload.webhook_code;
  const status = (
    change: Omit<StatusChange, 'occurredAt' | 'reason'> & { reason?: string },
    thenDeleteTransactions = false,
  ): WebhookAction => ({
    kind: 'status',
    change: { reason: code, ...change },
    thenDeleteTransactions,
  });
  switch (code) {
    case 'ERROR':
      return status(itemErrorChange(payload.error ?? {}));
    case 'PENDING_EXPIRATION':
      return status({ event: ItemEvent.PENDING_EXPIRATION, consentExpiresAt: dateOf(payload.consent_expiration_time) });
    case 'PENDING_DISCONNECT':
      // Plaid names the moment the Item stops working disconnect_time here.
      return status({
        event: ItemEvent.PENDING_DISCONNECT,
        consentExpiresAt: dateOf(payload.disconnect_time ?? payload.consent_expiration_time),
      });
    case 'LOGIN_REPAIRED':
      return status({ event: ItemEvent.LOGIN_REPAIRED, error: null });
    case 'USER_PERMISSION_REVOKED':
      // The user withdrew consent: their data from this Item goes.
      return status({ event: ItemEvent.ACCESS_REVOKED }, true);
    case 'USER_ACCOUNT_REVOKED': {
      const accountId = typeof payload.account_id === 'string' ? payload.account_id : undefined;
      if (!accountId) return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: 'no account_id' } };
      return { kind: 'revoke-account', plaidAccountId: accountId };
    }
    case 'NEW_ACCOUNTS_AVAILABLE':
      return { kind: 'new-accounts' };
    case 'WEBHOOK_UPDATE_ACKNOWLEDGED':
      return { kind: 'webhook-url', url: typeof payload.new_webhook_url === 'string' ? payload.new_webhook_url : null };
    default:
      return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ITEM ${code}` } };
  }
}

function dateOf(value: unknown): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : undefined;
}
