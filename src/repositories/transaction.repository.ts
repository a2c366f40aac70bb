import type { DataSource, EntityManager } from 'typeorm';
import { logChanges } from './transaction-change-log';
import {
  COLUMNS,
  KEY_FIELDS,
  RECORD_COLUMNS,
  type PageRecord,
  type TransactionCriteria,
  type TransactionField,
  type TransactionRecord,
  type TransactionScope,
} from './transaction-record';

/** The user's transactions (of one Item when `itemId`, a uuid expression, is not NULL) by id after `afterId` (NULL: from the start). Shared with the read planner. */
export function ownedWalkSql(columns: string, p: { userId: string; itemId: string; afterId: string; limit: string }): string {
  return `SELECT ${columns} FROM transactions t
        WHERE t.user_id = ${p.userId} AND (${p.itemId} IS NULL OR t.item_id = ${p.itemId}) AND (${p.afterId} IS NULL OR t.id > ${p.afterId})
        ORDER BY t.id LIMIT ${p.limit}`;
}

/** Whether the user's change log (of one Item, or all) holds anything after `sequence`: a boolean expression. Shared with the read planner. */
export function changesAfterExistSql(p: { userId: string; sequence: string; itemId: string }): string {
  return `EXISTS (SELECT 1 FROM transaction_changes c WHERE c.user_id = ${p.userId} AND c.sequence > ${p.sequence} AND (${p.itemId} IS NULL OR c.item_id = ${p.itemId}))`;
}

/** SQL expressions (placeholders, columns) that changedTransactionsSql reads; `itemId` typed uuid, NULL for every Item. */
export interface ChangedTransactionsParams {
  userId: string;
  sequence: string;
  itemId: string;
  afterSequence: string;
  limit: string;
}

/**
 * Per transaction changed after `sequence` (of one Item, or all), its latest change and
 * whether it was added since: changed_id, changed_plaid_id, last_sequence, latest,
 * added_since; those whose last change is after `afterSequence`, in the order of that change,
 * at most `limit`. Shared by changedAfter and the read planner, so both read the same rows.
 */
export function changedTransactionsSql(p: ChangedTransactionsParams): string {
  return `SELECT c.transaction_id AS changed_id, max(c.sequence) AS last_sequence, bool_or(c.change = 'added') AS added_since,
                (array_agg(c.change ORDER BY c.sequence DESC))[1] AS latest,
                (array_agg(c.plaid_transaction_id ORDER BY c.sequence DESC))[1] AS changed_plaid_id
           FROM transaction_changes c
          WHERE c.user_id = ${p.userId} AND c.sequence > ${p.sequence} AND (${p.itemId} IS NULL OR c.item_id = ${p.itemId})
          GROUP BY c.transaction_id
         HAVING max(c.sequence) > ${p.afterSequence}
          ORDER BY max(c.sequence)
          LIMIT ${p.limit}`;
}

/** A keyset page query for many scopes at once; ids are well-formed (the caller filters them). */
export interface KeysetPageQuery {
  scope: TransactionScope;
  scopeIds: string[];
  criteria: TransactionCriteria;
  first: number;
  after: { date: string; id: string } | null;
  withTotalCount: boolean;
  fields: readonly TransactionField[];
}

/** A changed transaction's latest state; its record's columns are null when the row is gone. */
export type ChangedTransaction = TransactionRecord & {
  changedId: string;
  changedPlaidId: string;
  lastSequence: string;
  latest: string;
  addedSince: boolean;
  present: boolean;
};

export interface KeysetPage {
  records: PageRecord[];
  hasNextPage: boolean;
  totalCount?: number;
}

/**
 * The transactions (`t`) of the recurring stream whose id is `streamId` (a uuid expression): the
 * stream's Item's (date, id) index, filtered to the ids it names; a posted transaction that
 * replaced a pending one the stream names is found through its pending_transaction_id. Shared
 * with the read planner.
 */
export function streamTransactionsCondition(streamId: string): string {
  const streamIds = `(SELECT r.plaid_transaction_ids FROM recurring_streams r WHERE r.id = ${streamId})::text[]`;
  return `t.item_id = (SELECT r.item_id FROM recurring_streams r WHERE r.id = ${streamId})
      AND (t.plaid_transaction_id = ANY (${streamIds}) OR t.pending_transaction_id = ANY (${streamIds}))`;
}

/**
 * Per scope: which of the asked scopes are the caller's (`$2`), and the transactions in one.
 * Ownership is checked on the scope's own row, so the page's scan has only its scope's index
 * to use: with `t.user_id` in it too, stale statistics let the planner AND the user's whole
 * history into every account's scan (26 ms instead of 2.7 ms right after a sync).
 */
const SCOPES: Record<TransactionScope, { owned: string; condition: string }> = {
  // The caller's value written out, not the joined one: the planner then knows whose rows, and how many.
  user: { owned: 's.scope_id = $2', condition: 't.user_id = $2' },
  item: {
    owned: 'EXISTS (SELECT 1 FROM items o WHERE o.id = s.scope_id::uuid AND o.user_id = $2)',
    condition: 't.item_id = s.scope_id::uuid',
  },
  account: {
    owned: 'EXISTS (SELECT 1 FROM accounts o WHERE o.id = s.scope_id::uuid AND o.user_id = $2)',
    condition: 't.account_id = s.scope_id::uuid',
  },
  recurringStream: {
    owned: 'EXISTS (SELECT 1 FROM recurring_streams o WHERE o.id = s.scope_id::uuid AND o.user_id = $2)',
    condition: streamTransactionsCondition('s.scope_id::uuid'),
  },
};

/** The transactions table (a sync writes through SyncWriter). */
export class TransactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOwned(userId: string, transactionId: string): Promise<TransactionRecord | null> {
    const rows: TransactionRecord[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM transactions t WHERE t.id = $1 AND t.user_id = $2`,
      [transactionId, userId],
    );
    return rows[0] ?? null;
  }

  /**
   * One statement for any number of scopes: per scope the caller owns, a LATERAL keyset scan
   * of its (scope, date, id) index limited to the page (so the cost follows the page size, not
   * the history's) and, only when asked, a count of every match. Scopes not the caller's are
   * absent from the answer.
   */
  async keysetPages(userId: string, query: KeysetPageQuery): Promise<Map<string, KeysetPage>> {
    const { scope, first, after, withTotalCount, fields } = query;
    const params: unknown[] = [query.scopeIds, userId];
    const matches = [SCOPES[scope].condition, ...criteriaConditions(query.criteria, params)].join(' AND ');
    const keyset = after ? ` AND (t.date, t.id) < ($${params.push(after.date)}::date, $${params.push(after.id)}::uuid)` : '';
    const limit = params.push(first + 1);
    const count = withTotalCount ? `CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM transactions t WHERE ${matches}) c` : '';
    // A scope without a row in the page comes as one row whose page columns are all null.
    const columns = [...new Set([...KEY_FIELDS, ...fields])].map((field) => COLUMNS[field]).join(', ');
    const rows: Array<{ scopeId: string; total?: number } & (PageRecord | { [column in keyof PageRecord]: null })> =
      await this.dataSource.query(
        `SELECT s.scope_id AS "scopeId", ${withTotalCount ? 'c.total, ' : ''}p.*
         FROM unnest($1::text[]) WITH ORDINALITY AS s(scope_id, position)
         ${count}
         LEFT JOIN LATERAL (SELECT ${columns} FROM transactions t WHERE ${matches}${keyset}
                             ORDER BY t.date DESC, t.id DESC LIMIT $${limit}) p ON true
        WHERE ${SCOPES[scope].owned}
        ORDER BY s.position, p.date DESC, p.id DESC`,
        params,
      );
    const byScope = new Map<string, KeysetPage>();
    // The row is the record (scopeId and total are never read from it): copying 1,000 rows out was a tenth of the dashboard's CPU.
    for (const row of rows) {
      const page = byScope.get(row.scopeId) ?? { records: [], hasNextPage: false, totalCount: row.total };
      byScope.set(row.scopeId, page);
      if (row.id === null) continue;
      if (page.records.length < first) page.records.push(row);
      else page.hasNextPage = true;
    }
    return byScope;
  }

  /** The caller's transactions (of one Item, or all) by id after `afterId`, at most `limit`. */
  walkOwned(userId: string, itemId: string | null, afterId: string | null, limit: number): Promise<TransactionRecord[]> {
    return this.dataSource.query(ownedWalkSql(RECORD_COLUMNS, { userId: '$1', itemId: '$2::uuid', afterId: '$3::uuid', limit: '$4' }), [
      userId,
      itemId,
      afterId,
      limit,
    ]);
  }

  /** Whether the user's change log (of one Item, or all) holds anything after `sequence`. */
  async hasChangesAfter(userId: string, sequence: number, itemId: string | null): Promise<boolean> {
    const [{ more }]: Array<{ more: boolean }> = await this.dataSource.query(
      `SELECT ${changesAfterExistSql({ userId: '$1', sequence: '$2', itemId: '$3::uuid' })} AS more`,
      [userId, sequence, itemId],
    );
    return more;
  }

  /**
   * Per transaction changed after `sequence` (of one Item, or all), its latest change and
   * whether it was added since, with its row if it is still there; those whose last change
   * is after `afterSequence`, in the order of that change, at most `limit`.
   */
  changedAfter(
    userId: string,
    sequence: number,
    itemId: string | null,
    afterSequence: number,
    limit: number,
  ): Promise<ChangedTransaction[]> {
    return this.dataSource.query(
      `WITH changed AS (${changedTransactionsSql({ userId: '$1', sequence: '$2', itemId: '$3::uuid', afterSequence: '$4', limit: '$5' })})
       SELECT ch.changed_id AS "changedId", ch.changed_plaid_id AS "changedPlaidId", ch.last_sequence AS "lastSequence",
              ch.latest, ch.added_since AS "addedSince", t.id IS NOT NULL AS present, ${RECORD_COLUMNS}
         FROM changed ch LEFT JOIN transactions t ON t.id = ch.changed_id AND t.user_id = $1
        ORDER BY ch.last_sequence`,
      [userId, sequence, itemId, afterSequence, limit],
    );
  }

  /** Every transaction of the Item goes (removal, revoked consent), logged as removed; answers how many. Inside the caller's transaction. */
  async deleteAllOfItem(db: EntityManager, itemId: string, userId: string): Promise<number> {
    const [row]: RemovedCountRow[] = await db.query(
      `WITH removed AS (
         DELETE FROM transactions WHERE item_id = $1 RETURNING id, plaid_transaction_id, 'removed' AS change
       ), ${logChanges('removed', '$2', '$1')}
       SELECT count(*)::int AS removed FROM removed`,
      [itemId, userId],
    );
    return row.removed;
  }

  /** Every transaction of one of the Item's accounts goes (the user revoked it), logged as removed; answers how many. Inside the caller's transaction. */
  async deleteAllOfAccount(db: EntityManager, itemId: string, plaidAccountId: string, userId: string): Promise<number> {
    const [row]: RemovedCountRow[] = await db.query(
      `WITH removed AS (
         DELETE FROM transactions t USING accounts a
          WHERE a.id = t.account_id AND a.item_id = $1 AND a.plaid_account_id = $3
         RETURNING t.id, t.plaid_transaction_id, 'removed' AS change
       ), ${logChanges('removed', '$2', '$1')}
       SELECT count(*)::int AS removed FROM removed`,
      [itemId, userId, plaidAccountId],
    );
    return row.removed;
  }
}

interface RemovedCountRow {
  removed: number;
}

/** The category override of `t`'s annotation (NULL without one). */
const OVERRIDE = '(SELECT an.category_override FROM transaction_annotations an WHERE an.transaction_id = t.id)';

/** SQL conditions on `t` for the filter, their values appended to `params` (the read planner's pages use them too). */
export function criteriaConditions(criteria: TransactionCriteria, params: unknown[]): string[] {
  const conditions: string[] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (criteria.itemId != null) conditions.push(`t.item_id = ${add(criteria.itemId)}::uuid`);
  if (criteria.accountIds != null) conditions.push(`t.account_id = ANY(${add(criteria.accountIds)}::uuid[])`);
  if (criteria.from != null) conditions.push(`t.date >= ${add(criteria.from)}::date`);
  if (criteria.to != null) conditions.push(`t.date <= ${add(criteria.to)}::date`);
  if (criteria.pending != null) conditions.push(`t.pending = ${add(criteria.pending)}`);
  // The effective category: the user's override where there is one, else Plaid's primary
  // category (FOOD_AND_DRINK) or detailed one (FOOD_AND_DRINK_COFFEE).
  if (criteria.category != null) {
    const category = add(criteria.category);
    // The override's comparison is NULL only where there is no override: the annotation is read once.
    conditions.push(`coalesce(${OVERRIDE} = ${category}, t.category = ${category} OR t.category_detailed = ${category})`);
  }
  // Every tag asked for (none asked: no condition, as every set holds the empty one).
  if (criteria.tags != null && criteria.tags.length > 0)
    conditions.push(
      `EXISTS (SELECT 1 FROM transaction_annotations an WHERE an.transaction_id = t.id AND an.tags @> ${add(criteria.tags)}::text[])`,
    );
  if (criteria.hidden != null)
    conditions.push(
      `${criteria.hidden ? '' : 'NOT '}EXISTS (SELECT 1 FROM transaction_annotations an WHERE an.transaction_id = t.id AND an.hidden)`,
    );
  if (criteria.search != null && criteria.search !== '') {
    const pattern = add(`%${criteria.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    conditions.push(`(t.name ILIKE ${pattern} OR t.merchant_name ILIKE ${pattern})`);
  }
  // Compared as numeric: the JS number's shortest decimal form is exactly what the client wrote.
  if (criteria.minAmount != null) conditions.push(`t.amount >= ${add(String(criteria.minAmount))}::numeric`);
  if (criteria.maxAmount != null) conditions.push(`t.amount <= ${add(String(criteria.maxAmount))}::numeric`);
  if (criteria.minExactAmount != null) conditions.push(`t.amount >= ${add(criteria.minExactAmount)}::numeric`);
  if (criteria.maxExactAmount != null) conditions.push(`t.amount <= ${add(criteria.maxExactAmount)}::numeric`);
  return conditions;
}
