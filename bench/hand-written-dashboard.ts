import type { Pool } from 'pg';
import { accountTypeOf } from '../src/services/account-type';
import { transactionNode, type TransactionNodeRow } from './hand-written-transaction-node';

interface AccountRow {
  id: string;
  item_id: string;
  name: string;
  mask: string | null;
  type: string;
  current: string | null;
  available: string | null;
  iso_currency_code: string | null;
}

interface TransactionRow extends TransactionNodeRow {
  account_id: string;
}

const money = (value: string | null) => (value === null ? null : Number(value));

/**
 * The dashboard query's answer written by hand: three statements (Items and accounts at once,
 * then a page of transactions per account), one JSON.stringify, the same bytes as the gateway.
 */
export async function dashboard(pool: Pool, userId: string, pageSize: number): Promise<string> {
  const [items, accounts] = await Promise.all([
    pool.query<{ id: string; institution_name: string | null; status: string }>(
      'SELECT id, institution_name, status FROM items WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    ),
    pool.query<AccountRow>(
      `SELECT id, item_id, name, mask, type, balance_current::text AS current, balance_available::text AS available, iso_currency_code
         FROM accounts WHERE user_id = $1 ORDER BY created_at, name, id`,
      [userId],
    ),
  ]);
  const transactions = await pool.query<TransactionRow>(
    `SELECT p.* FROM unnest($1::uuid[]) AS a(id)
       CROSS JOIN LATERAL (SELECT t.account_id, t.id, t.date::text AS date, t.amount::text AS amount, t.name, t.merchant_name, t.pending
                             FROM transactions t WHERE t.account_id = a.id ORDER BY t.date DESC, t.id DESC LIMIT $2) p`,
    [accounts.rows.map((account) => account.id), pageSize],
  );
  const edgesByAccount = new Map<string, unknown[]>();
  for (const row of transactions.rows) {
    const edges = edgesByAccount.get(row.account_id) ?? [];
    edges.push({ node: transactionNode(row) });
    edgesByAccount.set(row.account_id, edges);
  }
  const accountsByItem = new Map<string, unknown[]>();
  for (const account of accounts.rows) {
    const list = accountsByItem.get(account.item_id) ?? [];
    list.push({
      id: account.id,
      name: account.name,
      mask: account.mask,
      type: accountTypeOf(account.type),
      balance: { current: money(account.current), available: money(account.available), isoCurrencyCode: account.iso_currency_code },
      transactions: { edges: edgesByAccount.get(account.id) ?? [] },
    });
    accountsByItem.set(account.item_id, list);
  }
  const data = {
    items: items.rows.map((item) => ({
      id: item.id,
      institutionName: item.institution_name,
      status: item.status,
      accounts: accountsByItem.get(item.id) ?? [],
    })),
  };
  return `${JSON.stringify({ data })}\n`;
}
