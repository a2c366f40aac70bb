import type { EntityManager } from 'typeorm';
import { reservePositions } from './event-stream';

/**
 * CTEs appending one row of the user's change log per row of the CTE `rows` (columns `id`,
 * `plaid_transaction_id`, `change`), in the statement that made the changes: set-based, and
 * committed or rolled back with them.
 */
export function logChanges(rows: string, userParameter: string, itemParameter: string): string {
  return `${reservePositions(userParameter, `(SELECT count(*) FROM ${rows})`)},
  logged AS (
    INSERT INTO transaction_changes (user_id, sequence, item_id, transaction_id, plaid_transaction_id, change)
    SELECT ${userParameter}, stream.before + row_number() OVER (ORDER BY r.id), ${itemParameter}, r.id, r.plaid_transaction_id, r.change
      FROM ${rows} r, stream
  )`;
}

/** Every transaction of the Item goes (removal, revoked consent), logged as removed. Inside the caller's transaction. */
export async function deleteItemTransactions(manager: EntityManager, itemId: string, userId: string): Promise<void> {
  await manager.query(
    `WITH removed AS (
       DELETE FROM transactions WHERE item_id = $1 RETURNING id, plaid_transaction_id, 'removed' AS change
     ), ${logChanges('removed', '$2', '$1')}
     SELECT 1`,
    [itemId, userId],
  );
}
