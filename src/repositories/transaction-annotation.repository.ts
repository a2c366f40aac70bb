import type { DataSource, EntityManager } from 'typeorm';
import { logChanges } from './transaction-change-log';

/** An annotation as the API reads it. */
export interface AnnotationRecord {
  transactionId: string;
  categoryOverride: string | null;
  note: string | null;
  tags: string[];
  hidden: boolean;
  updatedAt: Date;
}

/** The columns a write sets; absent ones keep their stored value (a new row: their defaults). */
export interface AnnotationColumns {
  categoryOverride?: string | null;
  note?: string | null;
  tags?: string[];
  hidden?: boolean;
}

const RECORD_COLUMNS = `transaction_id AS "transactionId", category_override AS "categoryOverride", note, tags, hidden, updated_at AS "updatedAt"`;

/** The transaction_annotations table: the user's own layer over Plaid's transactions. */
export class TransactionAnnotationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's annotations of these transactions (another user's are absent, as missing ones are). */
  findMany(userId: string, transactionIds: readonly string[]): Promise<AnnotationRecord[]> {
    return this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM transaction_annotations WHERE transaction_id = ANY($1::uuid[]) AND user_id = $2`,
      [transactionIds, userId],
    );
  }

  /** The Item of the caller's transaction, or null when it is no transaction of the caller's. */
  async itemOf(db: EntityManager, userId: string, transactionId: string): Promise<string | null> {
    const rows: Array<{ itemId: string }> = await db.query(`SELECT item_id AS "itemId" FROM transactions WHERE id = $1 AND user_id = $2`, [
      transactionId,
      userId,
    ]);
    return rows[0]?.itemId ?? null;
  }

  /**
   * Writes the given columns of the caller's transaction's annotation and logs the transaction
   * as `modified` in the user's change log, in one statement inside the caller's transaction
   * (which holds the Item's lock). Null, with nothing written, when the transaction is not the
   * caller's (or went since it was looked up).
   */
  async write(db: EntityManager, userId: string, transactionId: string, columns: AnnotationColumns): Promise<AnnotationRecord | null> {
    const params: unknown[] = [transactionId, userId];
    const set = (column: string, value: unknown, type: string) => {
      if (value === undefined) return [];
      return [{ column, value: `$${params.push(value)}::${type}` }];
    };
    const changes = [
      ...set('category_override', columns.categoryOverride, 'text'),
      ...set('note', columns.note, 'text'),
      ...set('tags', columns.tags, 'text[]'),
      ...set('hidden', columns.hidden, 'boolean'),
    ];
    const names = changes.map((change) => `, ${change.column}`).join('');
    const values = changes.map((change) => `, ${change.value}`).join('');
    const updates = changes.map((change) => `${change.column} = EXCLUDED.${change.column}, `).join('');
    const rows: AnnotationRecord[] = await db.query(
      `WITH target AS (
         SELECT t.id, t.item_id, t.plaid_transaction_id FROM transactions t WHERE t.id = $1::uuid AND t.user_id = $2
       ), written AS (
         INSERT INTO transaction_annotations (transaction_id, user_id${names}, updated_at)
         SELECT target.id, $2${values}, now() FROM target
         ON CONFLICT (transaction_id) DO UPDATE SET ${updates}updated_at = now()
         RETURNING *
       ), changed AS (
         SELECT target.id, target.plaid_transaction_id, 'modified' AS change FROM target JOIN written ON written.transaction_id = target.id
       ), ${logChanges('changed', '$2', '(SELECT item_id FROM target)')}
       SELECT ${RECORD_COLUMNS} FROM written`,
      params,
    );
    return rows[0] ?? null;
  }
}
