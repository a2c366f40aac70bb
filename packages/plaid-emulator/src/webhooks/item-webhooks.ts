import type {
  AuthDefaultUpdateWebhook,
  DefaultUpdateWebhook,
  HistoricalUpdateWebhook,
  InitialUpdateWebhook,
  ItemErrorWebhook,
  ItemLoginRepairedWebhook,
  NewAccountsAvailableWebhook,
  PendingDisconnectWebhook,
  PendingExpirationWebhook,
  PlaidError,
  RecurringTransactionsUpdateWebhook,
  SyncUpdatesAvailableWebhook,
  TransactionsRemovedWebhook,
  UserAccountRevokedWebhook,
  UserPermissionRevokedWebhook,
  WebhookUpdateAcknowledgedWebhook,
} from 'plaid';
import { PendingDisconnectWebhookReason, WebhookEnvironmentValues } from '../data/plaid-enums';
import { isoDateTime, type EmulatorClock } from '../state/emulator-clock';
import type { ItemRecord } from '../state/emulator-state';
import type { WebhookDispatcher } from './webhook-dispatcher';

const environment = WebhookEnvironmentValues.Sandbox;

export type ItemWebhook =
  | SyncUpdatesAvailableWebhook
  | DefaultUpdateWebhook
  | InitialUpdateWebhook
  | HistoricalUpdateWebhook
  | TransactionsRemovedWebhook
  | RecurringTransactionsUpdateWebhook
  | AuthDefaultUpdateWebhook
  | ItemErrorWebhook
  | ItemLoginRepairedWebhook
  | NewAccountsAvailableWebhook
  | PendingDisconnectWebhook
  | UserPermissionRevokedWebhook
  | UserAccountRevokedWebhook
  | WebhookUpdateAcknowledgedWebhook;

/** The webhook bodies an Item emits, shaped as Plaid's spec describes each one. */
export const itemWebhookBodies = {
  syncUpdatesAvailable: (itemId: string): SyncUpdatesAvailableWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'SYNC_UPDATES_AVAILABLE',
    item_id: itemId,
    initial_update_complete: true,
    historical_update_complete: true,
    environment,
  }),
  defaultUpdate: (itemId: string, newTransactions: number): DefaultUpdateWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'DEFAULT_UPDATE',
    item_id: itemId,
    error: null,
    new_transactions: newTransactions,
    environment,
  }),
  initialUpdate: (itemId: string, newTransactions: number): InitialUpdateWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'INITIAL_UPDATE',
    item_id: itemId,
    error: null,
    new_transactions: newTransactions,
    environment,
  }),
  historicalUpdate: (itemId: string, newTransactions: number): HistoricalUpdateWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'HISTORICAL_UPDATE',
    item_id: itemId,
    error: null,
    new_transactions: newTransactions,
    environment,
  }),
  transactionsRemoved: (itemId: string, removed: string[]): TransactionsRemovedWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'TRANSACTIONS_REMOVED',
    item_id: itemId,
    error: null,
    removed_transactions: removed,
    environment,
  }),
  recurringTransactionsUpdate: (itemId: string, accountIds: string[]): RecurringTransactionsUpdateWebhook => ({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'RECURRING_TRANSACTIONS_UPDATE',
    item_id: itemId,
    account_ids: accountIds,
    environment,
  }),
  authDefaultUpdate: (itemId: string): AuthDefaultUpdateWebhook => ({
    webhook_type: 'AUTH',
    webhook_code: 'DEFAULT_UPDATE',
    item_id: itemId,
    error: null,
    account_ids_with_new_auth: [],
    account_ids_with_updated_auth: {},
    environment,
  }),
  itemError: (itemId: string, error: PlaidError): ItemErrorWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'ERROR',
    item_id: itemId,
    error,
    environment,
  }),
  loginRepaired: (itemId: string): ItemLoginRepairedWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'LOGIN_REPAIRED',
    item_id: itemId,
    environment,
  }),
  newAccountsAvailable: (itemId: string): NewAccountsAvailableWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'NEW_ACCOUNTS_AVAILABLE',
    item_id: itemId,
    error: null,
    environment,
  }),
  pendingExpiration: (itemId: string, consentExpirationTime: string): PendingExpirationWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'PENDING_EXPIRATION',
    item_id: itemId,
    consent_expiration_time: consentExpirationTime,
    environment,
  }),
  pendingDisconnect: (itemId: string, disconnectAt: number): PendingDisconnectWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'PENDING_DISCONNECT',
    item_id: itemId,
    reason: PendingDisconnectWebhookReason.TokenExpiration,
    disconnect_time: isoDateTime(disconnectAt),
    environment,
  }),
  userPermissionRevoked: (itemId: string, error: PlaidError): UserPermissionRevokedWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'USER_PERMISSION_REVOKED',
    item_id: itemId,
    error,
    environment,
  }),
  userAccountRevoked: (itemId: string, accountId: string): UserAccountRevokedWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'USER_ACCOUNT_REVOKED',
    item_id: itemId,
    account_id: accountId,
    environment,
  }),
  webhookUpdateAcknowledged: (itemId: string, url: string): WebhookUpdateAcknowledgedWebhook => ({
    webhook_type: 'ITEM',
    webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED',
    item_id: itemId,
    new_webhook_url: url,
    error: null,
    environment,
  }),
};

export interface TransactionsChange {
  added: number;
  removedIds: string[];
}

/** Sends an Item's webhooks to its webhook URL and records them as Plaid's `last_webhook`. */
export class ItemWebhookSender {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: EmulatorClock,
  ) {}

  /** Returns false when the Item has no webhook URL, as nothing can be sent then. */
  send(item: ItemRecord, body: ItemWebhook): boolean {
    if (!item.webhook) return false;
    item.last_webhook = { sent_at: isoDateTime(this.clock.now()), code_sent: String(body.webhook_code) };
    this.dispatcher.send(item.webhook, {
      ...body,
      webhook_type: String(body.webhook_type),
      webhook_code: String(body.webhook_code),
      item_id: String(body.item_id),
    });
    return true;
  }

  /** What Plaid sends once a new Item's transactions are extracted. */
  itemLinked(item: ItemRecord, recentCount: number, totalCount: number): void {
    this.send(item, itemWebhookBodies.initialUpdate(item.item_id, recentCount));
    this.send(item, itemWebhookBodies.historicalUpdate(item.item_id, totalCount));
  }

  /**
   * What Plaid sends when an update finds changes: SYNC_UPDATES_AVAILABLE (only to Items
   * that have been synced before), plus the older DEFAULT_UPDATE and TRANSACTIONS_REMOVED.
   */
  transactionsChanged(item: ItemRecord, change: TransactionsChange): void {
    if (item.sync_called) this.send(item, itemWebhookBodies.syncUpdatesAvailable(item.item_id));
    if (change.added > 0) this.send(item, itemWebhookBodies.defaultUpdate(item.item_id, change.added));
    if (change.removedIds.length > 0) this.send(item, itemWebhookBodies.transactionsRemoved(item.item_id, change.removedIds));
  }
}
