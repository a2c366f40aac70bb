import { reservePositions } from './stream-positions';

/**
 * CTEs appending one row of the user's change log per row of the CTE `rows` (columns `id`,
 * `plaid_transaction_id`, `change`), in the statement that made the changes: set-based, and
 * committed or rolled back with them.
 */
export function logChanges(rows: string, userParameter: string, itemParameter: string): string {
  return `change_counts AS (SELECT ${userParameter}::text AS user_id, count(*) AS n FROM ${rows}),
  ${reservePositions('change_counts')},
  logged AS (
    INSERT INTO transaction_changes (user_id, sequence, item_id, transaction_id, plaid_transaction_id, change)
    SELECT ${userParameter}, stream.before + row_number() OVER (ORDER BY r.id), ${itemParameter}, r.id, r.plaid_transaction_id, r.change
      FROM ${rows} r, stream
  )`;
}
