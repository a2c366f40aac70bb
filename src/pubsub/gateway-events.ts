import type { ItemStatus, TransactionsUpdateStatus } from '../entities/item-status';

/**
 * What an event says about its Item, as JSON: events cross Redis, and a removed Item can
 * no longer be read back, so subscribers get the Item as it was when the event happened.
 * Never the access token.
 */
export interface ItemSnapshot {
  id: string;
  plaidItemId: string;
  institutionId: string | null;
  institutionName: string | null;
  status: ItemStatus;
  error: { type: string; code: string; message: string; displayMessage: string | null } | null;
  products: string[];
  consentExpiresAt: string | null;
  newAccountsAvailable: boolean;
  lastSyncedAt: string | null;
  transactionsUpdateStatus: TransactionsUpdateStatus | null;
  createdAt: string;
  updatedAt: string;
}

/** Where an event stands in its user's stream: `sequence` orders, `cursor` is what clients pass as `after`. */
export interface StreamPlace {
  sequence: number;
  cursor: string;
}

export interface ItemStatusChangedEvent extends StreamPlace {
  item: ItemSnapshot;
  previousStatus: ItemStatus | null;
  status: ItemStatus;
  reason: string | null;
  occurredAt: string;
}

export interface TransactionsSyncedEvent extends StreamPlace {
  item: ItemSnapshot;
  added: number;
  modified: number;
  removed: number;
  transactionsUpdateStatus: TransactionsUpdateStatus | null;
  syncedAt: string;
}

/** Topics are per user (`TOPIC:userId`), so an event is routed only to its owner's subscriptions. */
export const Topic = {
  ItemStatusChanged: 'ITEM_STATUS_CHANGED',
  TransactionsSynced: 'TRANSACTIONS_SYNCED',
} as const;

export type GatewayEvents = {
  [Topic.ItemStatusChanged]: [userId: string, event: ItemStatusChangedEvent];
  [Topic.TransactionsSynced]: [userId: string, event: TransactionsSyncedEvent];
};
