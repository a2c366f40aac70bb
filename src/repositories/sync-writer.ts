import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AccountBase, Transaction } from 'plaid';
import type { EntityManager } from 'typeorm';
import { logChanges as logChangesIn } from './transaction-change-log';

/** From this many rows on, a sync's transactions are sent by COPY. */
const COPY_THRESHOLD = 1_000;

const COPY_CHUNK_CHARS = 256 * 1024;

/** The columns a sync takes from Plaid's transaction as they are, with their SQL types. */
const COPIED_COLUMNS = {
  amount: 'numeric',
  iso_currency_code: 'text',
  unofficial_currency_code: 'text',
  date: 'date',
  authorized_date: 'date',
  name: 'text',
  merchant_name: 'text',
  category: 'text',
  category_detailed: 'text',
  pending: 'boolean',
  pending_transaction_id: 'text',
  payment_channel: 'text',
  logo_url: 'text',
  website: 'text',
} as const;
/** A transaction as the writer ships it (toRow's keys, COPY's column order): Plaid's ids, resolved here, then the copied columns. */
const TRANSACTION_FIELDS = { transaction_id: 'text', account_id: 'text', ...COPIED_COLUMNS } as const;
const TRANSACTION_COLUMNS = Object.entries(TRANSACTION_FIELDS)
  .map(([name, type]) => `${name} ${type}`)
  .join(', ');
const COPIED = Object.keys(COPIED_COLUMNS);

/** Every transaction column a sync writes, named once: the insert, its source and the update on conflict are built from it. */
const INSERT_COLUMNS = ['user_id', 'item_id', 'account_id', 'plaid_transaction_id', ...COPIED].join(', ');
const INSERT_VALUES = ['$1', '$2', 'a.id', 'r.transaction_id', ...COPIED.map((column) => `r.${column}`)].join(', ');
const UPDATE_ON_CONFLICT = ['account_id', ...COPIED].map((column) => `${column} = EXCLUDED.${column}`).join(', ');

/**
 * Set-based writes for one sync, inside the caller's transaction: one `INSERT ... SELECT ...
 * ON CONFLICT` for all of a sync's transactions, never one statement per row; the same
 * statements stage what they changed for the user's change log.
 */
export class SyncWriter {
  private staging = false;

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
    await this.manager.query<unknown[]>(
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

  /**
   * Returns how many rows were written (rows for an account Plaid did not report are skipped).
   * Large batches travel by COPY into a temporary table, which costs a fraction of shipping
   * and parsing them as JSON; small ones, the usual incremental sync, skip the temporary
   * table. Rows go in date order, so the (scope, date, id) indexes are filled page by page.
   */
  async upsertTransactions(transactions: Transaction[]): Promise<number> {
    if (transactions.length === 0) return 0;
    if (transactions.length < COPY_THRESHOLD) {
      return this.insertTransactionsFrom(`jsonb_to_recordset($3::jsonb) AS r(${TRANSACTION_COLUMNS})`, [
        JSON.stringify(transactions.map(toRow)),
      ]);
    }
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('upsertTransactions needs the transaction of a query runner');
    // Dropped at commit or rollback; a sync writes its transactions once.
    await this.manager.query<unknown[]>(`CREATE TEMPORARY TABLE sync_transactions (${TRANSACTION_COLUMNS}) ON COMMIT DROP`);
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from(copyLines(transactions)), client.query(copyFrom('COPY sync_transactions FROM STDIN')));
    return this.insertTransactionsFrom('sync_transactions AS r', []);
  }

  private async insertTransactionsFrom(source: string, parameters: unknown[]): Promise<number> {
    await this.stageChanges();
    const [{ written }] = await this.manager.query<Array<{ written: number }>>(
      `WITH written AS (
         INSERT INTO transactions (${INSERT_COLUMNS})
         SELECT ${INSERT_VALUES}
           FROM ${source}
           JOIN accounts a ON a.item_id = $2 AND a.plaid_account_id = r.account_id
          ORDER BY r.date
         ON CONFLICT (plaid_transaction_id) DO UPDATE SET ${UPDATE_ON_CONFLICT}, updated_at = now()
         WHERE transactions.item_id = EXCLUDED.item_id
         RETURNING id, plaid_transaction_id, CASE WHEN xmax = 0 THEN 'added' ELSE 'modified' END AS change
       ), staged AS (
         INSERT INTO sync_changes SELECT * FROM written
       )
       SELECT count(*)::int AS written FROM written`,
      [this.userId, this.itemId, ...parameters],
    );
    return written;
  }

  async removeTransactions(plaidTransactionIds: string[]): Promise<number> {
    if (plaidTransactionIds.length === 0) return 0;
    await this.stageChanges();
    await this.moveAnnotationsToPosted(plaidTransactionIds);
    const [{ removed }] = await this.manager.query<Array<{ removed: number }>>(
      `WITH gone AS (
         DELETE FROM transactions WHERE item_id = $1 AND plaid_transaction_id = ANY($2::text[])
         RETURNING id, plaid_transaction_id, 'removed' AS change
       ), staged AS (
         INSERT INTO sync_changes SELECT * FROM gone
       )
       SELECT count(*)::int AS removed FROM gone`,
      [this.itemId, plaidTransactionIds],
    );
    return removed;
  }

  /**
   * Plaid replaces a pending transaction by a posted one with a new id, naming the pending one
   * in its pending_transaction_id: the user's annotation of a pending transaction this sync
   * removes moves to that posted one (upserted earlier in this sync), before the delete's
   * cascade would take it. A posted transaction already annotated keeps its own (the user wrote
   * it later, knowing the posted one). A posted one that this sync did not add or modify is
   * staged as modified, so the change log carries its new annotation.
   */
  private async moveAnnotationsToPosted(plaidTransactionIds: string[]): Promise<void> {
    await this.manager.query<unknown[]>(
      `WITH moved AS (
         INSERT INTO transaction_annotations (transaction_id, user_id, category_override, note, tags, hidden, updated_at)
         SELECT posted.id, posted.user_id, an.category_override, an.note, an.tags, an.hidden, an.updated_at
           FROM transactions pending
           JOIN transaction_annotations an ON an.transaction_id = pending.id
           JOIN transactions posted ON posted.item_id = pending.item_id AND posted.pending_transaction_id = pending.plaid_transaction_id
                                   AND NOT posted.pending
          WHERE pending.item_id = $1 AND pending.pending AND pending.plaid_transaction_id = ANY($2::text[])
         ON CONFLICT (transaction_id) DO NOTHING
         RETURNING transaction_id
       )
       INSERT INTO sync_changes
       SELECT t.id, t.plaid_transaction_id, 'modified' FROM moved JOIN transactions t ON t.id = moved.transaction_id
        WHERE NOT EXISTS (SELECT 1 FROM sync_changes s WHERE s.id = t.id)`,
      [this.itemId, plaidTransactionIds],
    );
  }

  /**
   * Appends what this sync changed to the user's change log. Last in the transaction: it takes
   * the user's stream lock, which is then held only until the commit that follows.
   */
  async logChanges(): Promise<void> {
    if (!this.staging) return;
    await this.manager.query<unknown[]>(`WITH ${logChangesIn('sync_changes', '$1', '$2')} SELECT 1`, [this.userId, this.itemId]);
  }

  /** The sync's changes wait here until logChanges, dropped at commit or rollback. */
  private async stageChanges(): Promise<void> {
    if (this.staging) return;
    this.staging = true;
    await this.manager.query<unknown[]>(
      `CREATE TEMPORARY TABLE sync_changes (id uuid, plaid_transaction_id text, change text) ON COMMIT DROP`,
    );
  }
}

/** The rows in COPY's text format: tab-separated, \\N for null, backslash escapes in text. */
function* copyLines(transactions: Transaction[]): Generator<string> {
  const columns = Object.keys(TRANSACTION_FIELDS) as Array<keyof typeof TRANSACTION_FIELDS>;
  let chunk = '';
  for (const transaction of transactions) {
    const row = toRow(transaction);
    chunk += `${columns.map((column) => copyField(row[column])).join('\t')}\n`;
    // A few large messages rather than one per row.
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** What a transaction's columns hold: Plaid's text, numbers and booleans. */
type CopyValue = string | number | boolean | null | undefined;

function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function toRow(transaction: Transaction): Record<keyof typeof TRANSACTION_FIELDS, CopyValue> {
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
