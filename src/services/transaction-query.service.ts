import type { DataSource } from 'typeorm';
import { badUserInput } from '../errors/domain-error';
import { decodeTransactionCursor, type TransactionKey } from './transaction-cursor';
import { isOpaqueId } from './opaque-id';

export const MAX_PAGE_SIZE = 500;

/** The filters of the contract's TransactionFilter. */
export interface TransactionCriteria {
  itemId?: string | null;
  accountIds?: string[] | null;
  from?: string | null;
  to?: string | null;
  pending?: boolean | null;
  category?: string | null;
  search?: string | null;
  minAmount?: number | null;
  maxAmount?: number | null;
}

export interface TransactionPageArgs {
  filter?: TransactionCriteria | null;
  /** null means the default page size. */
  first?: number | null;
  after?: string | null;
}

/** Whose transactions a page walks: all of the caller's, one Item's or one account's. */
export type TransactionScope = 'user' | 'item' | 'account';

export interface TransactionPageRequest {
  scope: TransactionScope;
  scopeId: string;
  args: TransactionPageArgs;
  /** Count every match too: only when the operation selects totalCount, since it reads the whole history. */
  withTotalCount: boolean;
  /** The record fields to read beside the key fields; each column costs parsing on every row. */
  fields: readonly TransactionField[];
}

/** A stored transaction as the API reads it; amount is the exact numeric string. */
export interface TransactionRecord {
  id: string;
  plaidTransactionId: string;
  accountId: string;
  amount: string;
  isoCurrencyCode: string | null;
  unofficialCurrencyCode: string | null;
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  category: string | null;
  categoryDetailed: string | null;
  pending: boolean;
  pendingTransactionId: string | null;
  paymentChannel: string | null;
  logoUrl: string | null;
  website: string | null;
}

export interface TransactionPage {
  records: PageRecord[];
  hasNextPage: boolean;
  /** Every transaction matching the filter in the scope, whatever the cursor; only when asked for. */
  totalCount?: number;
}

const DEFAULT_PAGE_SIZE = 50;

/**
 * Per scope: which of the asked scopes are the caller's (`$2`), and the transactions in one.
 * Ownership is checked on the scope's own row, so the page's scan has only its scope's index
 * to use: with `t.user_id` in it too, stale statistics let the planner AND the user's whole
 * history into every account's scan (26 ms instead of 2.7 ms right after a sync).
 */
const SCOPES: Record<TransactionScope, { owned: string; condition: string }> = {
  // The caller's value written out, not the joined one: the planner then knows whose rows, and how many.
  user: { owned: 's.scope_id = $2', condition: 't.user_id = $2' },
  item: { owned: 'EXISTS (SELECT 1 FROM items o WHERE o.id = s.scope_id::uuid AND o.user_id = $2)', condition: 't.item_id = s.scope_id::uuid' },
  account: { owned: 'EXISTS (SELECT 1 FROM accounts o WHERE o.id = s.scope_id::uuid AND o.user_id = $2)', condition: 't.account_id = s.scope_id::uuid' },
};

// Dates as text: node-pg would turn a date into a local-midnight JS Date and shift the day.
const COLUMNS: Record<keyof TransactionRecord, string> = {
  id: 't.id',
  plaidTransactionId: 't.plaid_transaction_id AS "plaidTransactionId"',
  accountId: 't.account_id AS "accountId"',
  amount: 't.amount::text AS amount',
  isoCurrencyCode: 't.iso_currency_code AS "isoCurrencyCode"',
  unofficialCurrencyCode: 't.unofficial_currency_code AS "unofficialCurrencyCode"',
  date: 't.date::text AS date',
  authorizedDate: 't.authorized_date::text AS "authorizedDate"',
  name: 't.name',
  merchantName: 't.merchant_name AS "merchantName"',
  category: 't.category',
  categoryDetailed: 't.category_detailed AS "categoryDetailed"',
  pending: 't.pending',
  pendingTransactionId: 't.pending_transaction_id AS "pendingTransactionId"',
  paymentChannel: 't.payment_channel AS "paymentChannel"',
  logoUrl: 't.logo_url AS "logoUrl"',
  website: 't.website',
};
export const RECORD_COLUMNS = Object.values(COLUMNS).join(', ');

/** What every page record holds: its keyset position and its account. */
const KEY_FIELDS = ['id', 'date', 'accountId'] as const;

export type TransactionField = keyof TransactionRecord;

/** A transaction of a page: its key fields and the fields asked for. */
export type PageRecord = Pick<TransactionRecord, (typeof KEY_FIELDS)[number]> & Partial<TransactionRecord>;

export function isTransactionField(name: string): name is TransactionField {
  return Object.hasOwn(COLUMNS, name);
}

interface ValidArgs {
  criteria: TransactionCriteria;
  first: number;
  after: TransactionKey | null;
}

export interface TransactionQueryServiceDependencies {
  dataSource: DataSource;
}

/**
 * Keyset pages of transactions, newest first on (date, id), always within the caller's rows.
 * Pages for many Items or accounts with the same arguments are one SQL statement.
 */
export class TransactionQueryService {
  constructor(private readonly deps: TransactionQueryServiceDependencies) {}

  async find(userId: string, transactionId: string): Promise<TransactionRecord | null> {
    if (!isOpaqueId(transactionId)) return null;
    const rows: TransactionRecord[] = await this.deps.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM transactions t WHERE t.id = $1 AND t.user_id = $2`, [transactionId, userId]);
    return rows[0] ?? null;
  }

  async page(userId: string, request: TransactionPageRequest): Promise<TransactionPage> {
    const [page] = await this.pagesFor(userId, request.scope, [request.scopeId], validate(request.args), request);
    return page;
  }

  /**
   * For DataLoaders: one statement per distinct (scope, arguments) among the requests, answered
   * in the order asked; invalid arguments fail only the requests that carry them.
   */
  async pages(userId: string, requests: readonly TransactionPageRequest[]): Promise<Array<TransactionPage | Error>> {
    const groups = new Map<string, { scope: TransactionScope; args: TransactionPageArgs; withTotalCount: boolean; fields: TransactionField[]; indexes: number[] }>();
    requests.forEach((request, index) => {
      const fields = [...new Set(request.fields)].sort();
      const key = `${request.scope}:${request.withTotalCount}:${fields.join(',')}:${argumentsKey(request.args)}`;
      const group = groups.get(key) ?? { scope: request.scope, args: request.args, withTotalCount: request.withTotalCount, fields, indexes: [] };
      group.indexes.push(index);
      groups.set(key, group);
    });
    const answers: Array<TransactionPage | Error> = new Array(requests.length);
    await Promise.all(
      [...groups.values()].map(async ({ scope, args, withTotalCount, fields, indexes }) => {
        try {
          const pages = await this.pagesFor(userId, scope, indexes.map((index) => requests[index].scopeId), validate(args), { withTotalCount, fields });
          indexes.forEach((index, position) => (answers[index] = pages[position]));
        } catch (error) {
          for (const index of indexes) answers[index] = error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    return answers;
  }

  /**
   * One statement for any number of scopes: per scope the caller owns, a LATERAL keyset scan
   * of its (scope, date, id) index limited to the page (so the cost follows the page size, not
   * the history's) and, only when asked, a count of every match.
   */
  private async pagesFor(
    userId: string,
    scope: TransactionScope,
    scopeIds: readonly string[],
    args: ValidArgs,
    { withTotalCount, fields }: Pick<TransactionPageRequest, 'withTotalCount' | 'fields'>,
  ): Promise<TransactionPage[]> {
    const empty = (): TransactionPage => ({ records: [], hasNextPage: false, totalCount: withTotalCount ? 0 : undefined });
    const distinct = [...new Set(scope === 'user' ? scopeIds : scopeIds.filter(isOpaqueId))];
    if (distinct.length === 0) return scopeIds.map(empty);
    const params: unknown[] = [distinct, userId];
    const matches = [SCOPES[scope].condition, ...criteriaConditions(args.criteria, params)].join(' AND ');
    const keyset = args.after ? ` AND (t.date, t.id) < ($${params.push(args.after.date)}::date, $${params.push(args.after.id)}::uuid)` : '';
    const limit = params.push(args.first + 1);
    const count = withTotalCount ? `CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM transactions t WHERE ${matches}) c` : '';
    // A scope without a row in the page comes as one row whose page columns are all null.
    const columns = [...new Set([...KEY_FIELDS, ...fields])].map((field) => COLUMNS[field]).join(', ');
    const rows: Array<{ scopeId: string; total?: number } & (PageRecord | { [column in keyof PageRecord]: null })> = await this.deps.dataSource.query(
      `SELECT s.scope_id AS "scopeId", ${withTotalCount ? 'c.total, ' : ''}p.*
         FROM unnest($1::text[]) WITH ORDINALITY AS s(scope_id, position)
         ${count}
         LEFT JOIN LATERAL (SELECT ${columns} FROM transactions t WHERE ${matches}${keyset}
                             ORDER BY t.date DESC, t.id DESC LIMIT $${limit}) p ON true
        WHERE ${SCOPES[scope].owned}
        ORDER BY s.position, p.date DESC, p.id DESC`,
      params,
    );
    const byScope = new Map<string, TransactionPage>();
    // The row is the record (scopeId and total are never read from it): copying 1,000 rows out was a tenth of the dashboard's CPU.
    for (const row of rows) {
      const page = byScope.get(row.scopeId) ?? { records: [], hasNextPage: false, totalCount: row.total };
      byScope.set(row.scopeId, page);
      if (row.id === null) continue;
      if (page.records.length < args.first) page.records.push(row);
      else page.hasNextPage = true;
    }
    return scopeIds.map((id) => byScope.get(id) ?? empty());
  }
}

function validate(args: TransactionPageArgs): ValidArgs {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" on transactions must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
  }
  return { criteria: args.filter ?? {}, first, after: args.after == null ? null : decodeTransactionCursor(args.after) };
}

/** The same arguments written in any order or spelling batch together. */
function argumentsKey(args: TransactionPageArgs): string {
  const filter = args.filter ?? {};
  const keys = Object.keys(filter).sort() as Array<keyof TransactionCriteria>;
  return JSON.stringify([args.first ?? DEFAULT_PAGE_SIZE, args.after ?? null, keys.filter((key) => filter[key] != null).map((key) => [key, filter[key]])]);
}

/** SQL conditions on `t` for the filter, their values appended to `params`. */
function criteriaConditions(criteria: TransactionCriteria, params: unknown[]): string[] {
  const conditions: string[] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (criteria.itemId != null) conditions.push(isOpaqueId(criteria.itemId) ? `t.item_id = ${add(criteria.itemId)}::uuid` : 'false');
  if (criteria.accountIds != null) conditions.push(`t.account_id = ANY(${add(criteria.accountIds.filter(isOpaqueId))}::uuid[])`);
  if (criteria.from != null) conditions.push(`t.date >= ${add(criteria.from)}::date`);
  if (criteria.to != null) conditions.push(`t.date <= ${add(criteria.to)}::date`);
  if (criteria.pending != null) conditions.push(`t.pending = ${add(criteria.pending)}`);
  // The primary category (FOOD_AND_DRINK) or the detailed one (FOOD_AND_DRINK_COFFEE).
  if (criteria.category != null) {
    const category = add(criteria.category);
    conditions.push(`(t.category = ${category} OR t.category_detailed = ${category})`);
  }
  if (criteria.search != null && criteria.search !== '') {
    const pattern = add(`%${criteria.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    conditions.push(`(t.name ILIKE ${pattern} OR t.merchant_name ILIKE ${pattern})`);
  }
  // Compared as numeric: the JS number's shortest decimal form is exactly what the client wrote.
  if (criteria.minAmount != null) conditions.push(`t.amount >= ${add(String(criteria.minAmount))}::numeric`);
  if (criteria.maxAmount != null) conditions.push(`t.amount <= ${add(String(criteria.maxAmount))}::numeric`);
  return conditions;
}
