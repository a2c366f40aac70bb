import { randomUUID } from 'node:crypto';
import { TokenCipher } from '../../../src/security/token-cipher';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const DASHBOARD = '{ items { accounts { balance { current } transactions(first: 20) { edges { node { id } } } } } }';

/**
 * items (1) + accounts of every Item (1, Item.accounts loader) + the first 20 transactions of
 * every account (1, transactionPages loader): the same for one Item as for twenty.
 */
const DASHBOARD_STATEMENTS = 3;

describe('the dashboard query costs the same SQL statements at any size', () => {
  let gw: TestGateway;
  let recording: string[] | undefined;

  beforeAll(async () => {
    // Job workers query through the same pool: a queue of its own keeps other test files' queued
    // jobs away, and the stale-sync sweep is kept from landing inside a measurement.
    gw = await startTestGateway({ SYNC_SWEEP_INTERVAL_MINUTES: '59' }, { onQuery: (sql) => recording?.push(sql) });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A user with `items` Items of `accounts` accounts of `transactions` transactions each, written directly. */
  async function seedUser(items: number, accounts: number, transactions: number): Promise<string> {
    const userId = newUserId('dashboard');
    const cipher = new TokenCipher(gw.config.tokenEncryptionKeys!);
    const db = gw.gateway.dataSource;
    for (let i = 0; i < items; i += 1) {
      const itemId = randomUUID();
      const { keyId, ciphertext } = cipher.encrypt(`access-sandbox-${itemId}`, itemId);
      await db.query(
        `INSERT INTO items (id, user_id, plaid_item_id, access_token_ciphertext, access_token_key_id, institution_id, last_synced_at)
         VALUES ($1, $2, $3, $4, $5, 'ins_109508', now())`,
        [itemId, userId, `plaid-${itemId}`, ciphertext, keyId],
      );
      await db.query(
        `INSERT INTO accounts (item_id, user_id, plaid_account_id, name, type, subtype, balance_current, iso_currency_code, balance_updated_at)
         SELECT $1, $2, 'acc-' || n, 'Account ' || n, 'depository', 'checking', 100 * n, 'USD', now() FROM generate_series(1, $3) AS n`,
        [itemId, userId, accounts],
      );
      await db.query(
        `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, date, name, pending)
         SELECT a.user_id, a.item_id, a.id, a.id || '-' || n, n * 1.25, current_date - n, 'Purchase ' || n, false
           FROM accounts a CROSS JOIN generate_series(1, $2) AS n WHERE a.item_id = $1`,
        [itemId, transactions],
      );
    }
    return userId;
  }

  async function statementsFor(userId: string): Promise<{ count: number; accounts: number; edges: number }> {
    const token = await gw.tokenFor(userId);
    recording = [];
    const response = await gw.graphql<{ items: Array<{ accounts: Array<{ transactions: { edges: unknown[] } }> }> }>(DASHBOARD, { token });
    const count = recording.length;
    recording = undefined;
    expect(response.errors).toBeUndefined();
    const accounts = response.data!.items.flatMap((item) => item.accounts);
    return { count, accounts: accounts.length, edges: accounts.reduce((sum, account) => sum + account.transactions.edges.length, 0) };
  }

  it(`issues ${DASHBOARD_STATEMENTS} statements for 1 Item and for 20 Items x 5 accounts`, async () => {
    const small = await statementsFor(await seedUser(1, 5, 25));
    const large = await statementsFor(await seedUser(20, 5, 25));
    expect(small).toEqual({ count: DASHBOARD_STATEMENTS, accounts: 5, edges: 5 * 20 });
    expect(large).toEqual({ count: DASHBOARD_STATEMENTS, accounts: 100, edges: 100 * 20 });
  });
});
