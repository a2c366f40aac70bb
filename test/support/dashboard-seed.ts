import { randomUUID } from 'node:crypto';

/** Anything that runs parameterised SQL: a pg Client or a TypeORM DataSource. */
export interface SqlRunner {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

export interface DashboardShape {
  items: number;
  accountsPerItem: number;
  transactionsPerAccount: number;
}

/** How an Item's access token is stored: sealed for real, or a placeholder where nothing reads it. */
export type TokenSealer = (itemId: string) => { keyId: string; ciphertext: Buffer };

const placeholderToken: TokenSealer = () => ({ keyId: 'unused', ciphertext: Buffer.from([0]) });

/**
 * Writes a user's Items, accounts and transactions directly, as a finished sync would leave
 * them: three transactions a day, some with a merchant, the newest two pending.
 */
export async function seedDashboardUser(
  db: SqlRunner,
  userId: string,
  shape: DashboardShape,
  seal: TokenSealer = placeholderToken,
): Promise<void> {
  for (let i = 0; i < shape.items; i += 1) {
    const itemId = randomUUID();
    const { keyId, ciphertext } = seal(itemId);
    await db.query(
      `INSERT INTO items (id, user_id, plaid_item_id, access_token_ciphertext, access_token_key_id, institution_id, institution_name, last_synced_at)
       VALUES ($1, $2, $3, $4, $5, 'ins_109508', $6, now())`,
      [itemId, userId, `plaid-${itemId}`, ciphertext, keyId, `Bank ${i + 1}`],
    );
    await db.query(
      `INSERT INTO accounts (item_id, user_id, plaid_account_id, name, mask, type, subtype, balance_current, balance_available, iso_currency_code, balance_updated_at)
       SELECT $1::uuid, $2, $1::text || '-acc-' || n, 'Account ' || n, lpad(n::text, 4, '0'), 'depository', 'checking', 100.5 * n, 90.25 * n, 'USD', now()
         FROM generate_series(1, $3) AS n`,
      [itemId, userId, shape.accountsPerItem],
    );
    await db.query(
      `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, iso_currency_code, date, name, merchant_name, pending)
       SELECT a.user_id, a.item_id, a.id, a.id || '-' || n, n * 1.25, 'USD', current_date - n / 3, 'Purchase ' || n,
              CASE WHEN n % 4 = 0 THEN NULL ELSE 'Merchant ' || n % 17 END, n <= 2
         FROM accounts a CROSS JOIN generate_series(1, $2) AS n WHERE a.item_id = $1`,
      [itemId, shape.transactionsPerAccount],
    );
  }
}
