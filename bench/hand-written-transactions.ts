import type { Pool } from 'pg';
import { encodeTransactionCursor } from '../src/services/transaction-cursor';
import { transactionNode, type TransactionNodeRow } from './hand-written-transaction-node';

/** What the transactions list screen asks: a page of the caller's transactions in a date range, searched by name or merchant. */
export interface TransactionsListQuery {
  first: number;
  search: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

/** The page's columns are null on the one row of a search that matches nothing. */
type Row = { total: number } & (
  { [column in keyof TransactionNodeRow]: TransactionNodeRow[column] } | { [column in keyof TransactionNodeRow]: null }
);

const MATCHES = 't.user_id = $1 AND t.date >= $2::date AND t.date <= $3::date AND (t.name ILIKE $4 OR t.merchant_name ILIKE $4)';

/**
 * The transactions list's answer written by hand: one statement for the count of every match
 * and the page (newest first on date, then id, one row past the page to know whether more
 * follow), the gateway's own opaque cursors, one JSON.stringify; the same bytes as the
 * gateway's answer to `transactions(first, filter: {search, from, to}) { totalCount pageInfo
 * { hasNextPage endCursor } edges { cursor node { id date amount name merchantName pending } } }`.
 */
export async function transactionsList(pool: Pool, userId: string, { first, search, from, to }: TransactionsListQuery): Promise<string> {
  // ILIKE's wildcards and escape in the search are literal characters.
  const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const { rows } = await pool.query<Row>(
    `SELECT c.total, p.* FROM (SELECT count(*)::int AS total FROM transactions t WHERE ${MATCHES}) c
       LEFT JOIN LATERAL (SELECT t.id, t.date::text AS date, t.amount::text AS amount, t.name, t.merchant_name, t.pending
                            FROM transactions t WHERE ${MATCHES} ORDER BY t.date DESC, t.id DESC LIMIT $5) p ON true
      ORDER BY p.date DESC, p.id DESC`,
    [userId, from, to, pattern, first + 1],
  );
  const edges = [];
  for (const row of rows.slice(0, first)) {
    if (row.id === null) break;
    edges.push({ cursor: encodeTransactionCursor({ date: row.date, id: row.id }), node: transactionNode(row) });
  }
  const transactions = {
    totalCount: rows[0].total,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    edges,
  };
  return `${JSON.stringify({ data: { transactions } })}\n`;
}
