import type { AccountBase, Transaction, TransactionsSyncResponse } from 'plaid';
import { PlaidApiError } from './plaid-api-error';
import type { PlaidClient } from './plaid-client';

/** Everything one sync must apply, merged from all its pages: each transaction appears once. */
export interface SyncChanges {
  added: Transaction[];
  modified: Transaction[];
  removed: string[];
  /** Accounts with their balances, as the last page reported them. */
  accounts: AccountBase[];
  nextCursor: string;
  updateStatus: TransactionsSyncResponse['transactions_update_status'] | null;
  pages: number;
  restarts: number;
}

export interface CollectOptions {
  pageSize?: number;
  /** How often a mutation during pagination may restart the walk before giving up. */
  maxRestarts?: number;
  /** Each page call's deadline, as PlaidClient.call takes it. */
  deadlineMs?: number | null;
}

const MUTATION_DURING_PAGINATION = 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION';

/**
 * Walks /transactions/sync from `startCursor` until `has_more` is false, buffering pages so
 * the caller can apply them all in one database transaction or not at all. When Plaid
 * reports that data changed mid-walk, the walk starts over from the cursor it began with
 * (not from null, unless it began there), dropping what it had buffered.
 */
export async function collectSyncChanges(
  client: PlaidClient,
  accessToken: string,
  startCursor: string | null,
  { pageSize = 500, maxRestarts = 5, deadlineMs }: CollectOptions = {},
): Promise<SyncChanges> {
  for (let restarts = 0; ; restarts += 1) {
    const merged = new TransactionMerge();
    let cursor = startCursor ?? undefined;
    let pages = 0;
    try {
      for (;;) {
        const page = await client.call('transactionsSync', { access_token: accessToken, cursor, count: pageSize }, { deadlineMs });
        merged.apply(page);
        pages += 1;
        cursor = page.next_cursor;
        if (!page.has_more) {
          return {
            ...merged.result(),
            accounts: page.accounts,
            nextCursor: page.next_cursor,
            updateStatus: page.transactions_update_status ?? null,
            pages,
            restarts,
          };
        }
      }
    } catch (error) {
      if (error instanceof PlaidApiError && error.errorCode === MUTATION_DURING_PAGINATION && restarts < maxRestarts) continue;
      throw error;
    }
  }
}

/** Later pages win: an id added then modified stays "added" with the newest data; a removal cancels both. */
class TransactionMerge {
  private readonly changes = new Map<string, { kind: 'added' | 'modified'; transaction: Transaction }>();
  private readonly removed = new Set<string>();

  apply(page: TransactionsSyncResponse): void {
    for (const transaction of page.added) {
      this.removed.delete(transaction.transaction_id);
      this.changes.set(transaction.transaction_id, { kind: 'added', transaction });
    }
    for (const transaction of page.modified) {
      const earlier = this.changes.get(transaction.transaction_id);
      this.changes.set(transaction.transaction_id, { kind: earlier?.kind ?? 'modified', transaction });
    }
    for (const { transaction_id: id } of page.removed) {
      if (!id) continue;
      this.changes.delete(id);
      this.removed.add(id);
    }
  }

  result(): Pick<SyncChanges, 'added' | 'modified' | 'removed'> {
    const added: Transaction[] = [];
    const modified: Transaction[] = [];
    for (const { kind, transaction } of this.changes.values()) (kind === 'added' ? added : modified).push(transaction);
    return { added, modified, removed: [...this.removed] };
  }
}
