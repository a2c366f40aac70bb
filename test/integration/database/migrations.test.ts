import type { DataSource } from 'typeorm';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratch-database';
import { createDataSource, hasPendingMigrations, runMigrations } from '../../../src/database/data-source';

describe('migrations', () => {
  let dataSource: DataSource;
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('migrations');
    dataSource = createDataSource({ url: database.url, poolSize: 3 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('apply once to an empty database, then report nothing pending', async () => {
    expect(await hasPendingMigrations(dataSource)).toBe(true);
    expect(await runMigrations(dataSource)).toEqual([
      'InitialSchema1763715600000',
      'TransactionAccountItemKey1763805600000',
      'EventStream1764633600000',
      'WebhookEventsUnsettled1765000000000',
      'LinkPublicToken1796533995056',
      'IssuedLinkTokens1796610000000',
      'TransactionsUserId1796700000000',
      'TransactionAnnotations1796800000000',
      'RecurringStreams1796810000000',
      'JsNumberText1796820000000',
    ]);
    expect(await runMigrations(dataSource)).toEqual([]);
    expect(await hasPendingMigrations(dataSource)).toBe(false);
  });

  it('build exactly the schema the entities describe (no drift TypeORM would synchronize)', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('store money as numeric, never floating point', async () => {
    const rows: Array<{ table_name: string; column_name: string; data_type: string }> = await dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('real', 'double precision', 'money')`,
    );
    expect(rows).toEqual([]);
  });

  it("keep a transaction's account within its Item, and remove an Item's transactions with it", async () => {
    await runMigrations(dataSource);
    const item = async (name: string) => {
      const [{ id }]: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO items (id, user_id, plaid_item_id, access_token_ciphertext, access_token_key_id) VALUES (gen_random_uuid(), 'u', $1, '\\x00', 'k') RETURNING id`,
        [name],
      );
      const [{ id: accountId }]: Array<{ id: string }> = await dataSource.query(
        `INSERT INTO accounts (item_id, user_id, plaid_account_id, name, type, balance_updated_at) VALUES ($1, 'u', $2, 'Checking', 'depository', now()) RETURNING id`,
        [id, `${name}-account`],
      );
      return { id, accountId };
    };
    const [first, second] = [await item('first'), await item('second')];
    const insert = (itemId: string, accountId: string, plaidId: string) =>
      dataSource.query(
        `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, date, name, pending) VALUES ('u', $1, $2, $3, 1, '2024-01-01', 'Coffee', false)`,
        [itemId, accountId, plaidId],
      );
    await insert(first.id, first.accountId, 'tx-1');
    await expect(insert(first.id, second.accountId, 'tx-2')).rejects.toThrow(/FK_transactions_account_item/);
    await dataSource.query('DELETE FROM items WHERE id = $1', [first.id]);
    expect(await dataSource.query(`SELECT 1 FROM transactions WHERE plaid_transaction_id = 'tx-1'`)).toEqual([]);
  });
});
