import type { TransactionsUpdateStatus } from '../entities/item-status';

export interface SyncDifference {
  added: number;
  modified: number;
  removed: number;
  /** The Item's `transactionsUpdateStatus` before and after the sync. */
  statusBefore: TransactionsUpdateStatus | null;
  statusAfter: TransactionsUpdateStatus | null;
}

/**
 * Whether a committed sync is announced with a `transactionsSynced` event: only when it
 * changed what the event reports (transactions, or how far Plaid's history has come). A sync
 * that found nothing new writes no event, so syncing over and over cannot fill a user's stream.
 */
export function announcesSync({ added, modified, removed, statusBefore, statusAfter }: SyncDifference): boolean {
  return added + modified + removed > 0 || statusBefore !== statusAfter;
}
