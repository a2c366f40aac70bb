import type { DataSource } from 'typeorm';
import { SpendingGrouping } from '../entities/spending-grouping';
import { NO_CURRENCY_CODE } from '../money/money';
import { criteriaConditions } from './transaction.repository';
import type { TransactionCriteria } from './transaction-record';

/** The CATEGORY key of transactions with neither a category override nor a category from Plaid. */
export const UNCATEGORIZED_KEY = 'UNCATEGORIZED';

/** A spending summary's question: the caller's transactions dated from..to (inclusive), narrowed by `criteria` (null: none match). */
export interface SpendingQuery {
  from: string;
  to: string;
  grouping: SpendingGrouping;
  /** Null when the filter can match nothing (wellFormedCriteria). */
  criteria: TransactionCriteria | null;
  /** Groups answered at most, largest outflow first; the totals are over every group. */
  maxGroups: number;
}

/** A total's key: the contract's key is String!, and a total is over every key of its currency. */
export const TOTAL_KEY = '';

/** One row of spendingRowsSql: a group (key and currency) or, with `total`, a currency's total. Sums are numeric text. */
export interface SpendingRow {
  total: boolean;
  /** TOTAL_KEY for a total. */
  key: string;
  currency_code: string;
  outflow: string;
  inflow: string;
  net: string;
  transaction_count: number;
  position: string;
}

/** Each grouping's key on `t` (the transaction) and `n` (its annotation, if any), never NULL. */
const KEYS: Record<SpendingGrouping, string> = {
  [SpendingGrouping.CATEGORY]: `coalesce(n.category_override, t.category, '${UNCATEGORIZED_KEY}')`,
  // An empty merchant name names no merchant.
  [SpendingGrouping.MERCHANT]: `coalesce(nullif(t.merchant_name, ''), t.name)`,
  [SpendingGrouping.MONTH]: `to_char(t.date, 'YYYY-MM')`,
  [SpendingGrouping.ACCOUNT]: `t.account_id::text`,
};

/**
 * The rows of a spending summary in one set-based statement, its values appended to `params`
 * (`userId` is an SQL expression already bound): per key and currency (currencyCodeOf's rule,
 * in SQL) the exact sums of the positive amounts, of the negative ones (as a positive number),
 * their difference and the count; and per currency the same over everything (GROUPING SETS),
 * whatever the groups' cap. Hidden transactions are left out, pending ones kept. Ordered:
 * groups first, largest outflow first (then key and currency, byte order), at most
 * `maxGroups`; then the totals in the same order. Shared by SpendingRepository and the read
 * planner, so both answer from the same rows.
 */
export function spendingRowsSql(query: SpendingQuery, userId: string, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const conditions = [
    `t.user_id = ${userId}`,
    `t.date >= ${add(query.from)}::date`,
    `t.date <= ${add(query.to)}::date`,
    'n.hidden IS NOT TRUE',
    ...(query.criteria ? criteriaConditions(query.criteria, params) : ['false']),
  ];
  const outflow = 'coalesce(sum(g.amount) FILTER (WHERE g.amount > 0), 0)';
  const inflow = '-coalesce(sum(g.amount) FILTER (WHERE g.amount < 0), 0)';
  // trim_scale: one spelling per value (12.30 is 12.3, 0.00 is 0), whatever scale the amounts were stored with.
  return `SELECT s.* FROM (
      SELECT GROUPING(g.key) = 1 AS total, coalesce(g.key, '${TOTAL_KEY}') AS key, g.currency_code,
             trim_scale(${outflow})::text AS outflow, trim_scale(${inflow})::text AS inflow,
             trim_scale(coalesce(sum(g.amount), 0))::text AS net, count(*)::int AS transaction_count,
             row_number() OVER (PARTITION BY GROUPING(g.key) ORDER BY ${outflow} DESC, g.key COLLATE "C", g.currency_code COLLATE "C") AS position
        FROM (SELECT ${KEYS[query.grouping]} AS key, t.amount,
                     coalesce(t.iso_currency_code, t.unofficial_currency_code, '${NO_CURRENCY_CODE}') AS currency_code
                FROM transactions t LEFT JOIN transaction_annotations n ON n.transaction_id = t.id AND n.user_id = t.user_id
               WHERE ${conditions.join(' AND ')}) g
       GROUP BY GROUPING SETS ((g.key, g.currency_code), (g.currency_code))) s
    WHERE s.total OR s.position <= ${add(query.maxGroups)}
    ORDER BY s.total, s.position`;
}

/** Spending summaries over the transactions table. */
export class SpendingRepository {
  constructor(private readonly dataSource: DataSource) {}

  summarise(userId: string, query: SpendingQuery): Promise<SpendingRow[]> {
    const params: unknown[] = [userId];
    return this.dataSource.query(spendingRowsSql(query, '$1', params), params);
  }
}
