import type { AccountBase, Transaction } from 'plaid';
import type { EntityManager } from 'typeorm';

/** Rows per statement: large enough to be set-based, small enough to keep each parameter modest. */
const CHUNK = 5_000;

const TRANSACTION_COLUMNS = `transaction_id text, account_id text, amount numeric, iso_currency_code text,
  unofficial_currency_code text, date date, authorized_date date, name text, merchant_name text, category text,
  category_detailed text, pending boolean, pending_transaction_id text, payment_channel text, logo_url text, website text`;

/**
 * Set-based writes for one sync, inside the caller's transaction: each statement handles
 * thousands of rows (`INSERT ... SELECT FROM jsonb_to_recordset ... ON CONFLICT`), never one
 * statement per row.
 */
export class SyncWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly itemId: string,
    private readonly userId: string,
  ) {}

  /** Accounts and their balances as Plaid reported them now. */
  async upsertAccounts(accounts: AccountBase[], readAt: Date): Promise<void> {
    if (accounts.length === 0) return;
    const rows = accounts.map((account) => ({
      account_id: account.account_id,
      name: account.name,
      official_name: account.official_name ?? null,
      mask: account.mask ?? null,
      type: account.type,
      subtype: account.subtype ?? null,
      available: account.balances.available ?? null,
      current: account.balances.current ?? null,
      limit: account.balances.limit ?? null,
      iso_currency_code: account.balances.iso_currency_code ?? null,
      unofficial_currency_code: account.balances.unofficial_currency_code ?? null,
    }));
    await this.manager.query(
      `INSERT INTO accounts (item_id, user_id, plaid_account_id, name, official_name, mask, type, subtype,
                             balance_available, balance_current, balance_limit, iso_currency_code, unofficial_currency_code, balance_updated_at)
       SELECT $2, $3, r.account_id, r.name, r.official_name, r.mask, r.type, r.subtype,
              r.available, r.current, r."limit", r.iso_currency_code, r.unofficial_currency_code, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(account_id text, name text, official_name text, mask text, type text, subtype text,
              available numeric, current numeric, "limit" numeric, iso_currency_code text, unofficial_currency_code text)
       ON CONFLICT (item_id, plaid_account_id) DO UPDATE SET
         name = EXCLUDED.name, official_name = EXCLUDED.official_name, mask = EXCLUDED.mask, type = EXCLUDED.type,
         subtype = EXCLUDED.subtype, balance_available = EXCLUDED.balance_available, balance_current = EXCLUDED.balance_current,
         balance_limit = EXCLUDED.balance_limit, iso_currency_code = EXCLUDED.iso_currency_code,
         unofficial_currency_code = EXCLUDED.unofficial_currency_code, balance_updated_at = EXCLUDED.balance_updated_at,
         updated_at = now()`,
      [JSON.stringify(rows), this.itemId, this.userId, readAt],
    );
  }

  /** Returns how many rows were written (rows for an account Plaid did not report are skipped). */
  async upsertTransactions(transactions: Transaction[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < transactions.length; start += CHUNK) {
      const rows = transactions.slice(start, start + CHUNK).map(toRow);
      const result: unknown[] = await this.manager.query(
        `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, iso_currency_code,
                                   unofficial_currency_code, date, authorized_date, name, merchant_name, category,
                                   category_detailed, pending, pending_transaction_id, payment_channel, logo_url, website)
         SELECT $2, $3, a.id, r.transaction_id, r.amount, r.iso_currency_code, r.unofficial_currency_code, r.date,
                r.authorized_date, r.name, r.merchant_name, r.category, r.category_detailed, r.pending,
                r.pending_transaction_id, r.payment_channel, r.logo_url, r.website
           FROM jsonb_to_recordset($1::jsonb) AS r(${TRANSACTION_COLUMNS})
           JOIN accounts a ON a.item_id = $3 AND a.plaid_account_id = r.account_id
         ON CONFLICT (plaid_transaction_id) DO UPDATE SET
           account_id = EXCLUDED.account_id, amount = EXCLUDED.amount, iso_currency_code = EXCLUDED.iso_currency_code,
           unofficial_currency_code = EXCLUDED.unofficial_currency_code, date = EXCLUDED.date,
           authorized_date = EXCLUDED.authorized_date, name = EXCLUDED.name, merchant_name = EXCLUDED.merchant_name,
           category = EXCLUDED.category, category_detailed = EXCLUDED.category_detailed, pending = EXCLUDED.pending,
           pending_transaction_id = EXCLUDED.pending_transaction_id, payment_channel = EXCLUDED.payment_channel,
           logo_url = EXCLUDED.logo_url, website = EXCLUDED.website, updated_at = now()
         WHERE transactions.item_id = EXCLUDED.item_id
         RETURNING 1`,
        [JSON.stringify(rows), this.userId, this.itemId],
      );
      written += result.length;
    }
    return written;
  }

  async removeTransactions(plaidTransactionIds: string[]): Promise<number> {
    if (plaidTransactionIds.length === 0) return 0;
    const result: [unknown[], number] = await this.manager.query(
      'DELETE FROM transactions WHERE item_id = $1 AND plaid_transaction_id = ANY($2::text[])',
      [this.itemId, plaidTransactionIds],
    );
    return result[1];
  }
}

function toRow(transaction: Transaction): Record<string, unknown> {
  return {
    transaction_id: transaction.transaction_id,
    account_id: transaction.account_id,
    amount: transaction.amount,
    iso_currency_code: transaction.iso_currency_code,
    unofficial_currency_code: transaction.unofficial_currency_code,
    date: transaction.date,
    authorized_date: transaction.authorized_date,
    name: transaction.name,
    merchant_name: transaction.merchant_name ?? null,
    category: transaction.personal_finance_category?.primary ?? null,
    category_detailed: transaction.personal_finance_category?.detailed ?? null,
    pending: transaction.pending,
    pending_transaction_id: transaction.pending_transaction_id,
    payment_channel: transaction.payment_channel,
    logo_url: transaction.logo_url ?? null,
    website: transaction.website ?? null,
  };
}
