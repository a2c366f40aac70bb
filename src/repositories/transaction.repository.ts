import type { EntityManager } from 'typeorm';
import { logChanges } from './transaction-change-log';

/** Writes to the transactions table outside a sync (a sync writes through SyncWriter). */
export class TransactionRepository {
  /** Every transaction of the Item goes (removal, revoked consent), logged as removed. Inside the caller's transaction. */
  async deleteAllOfItem(db: EntityManager, itemId: string, userId: string): Promise<void> {
    await db.query(
      `WITH removed AS (
         DELETE FROM transactions WHERE item_id = $1 RETURNING id, plaid_transaction_id, 'removed' AS change
       ), ${logChanges('removed', '$2', '$1')}
       SELECT 1`,
      [itemId, userId],
    );
  }
}
