import { randomUUID } from 'node:crypto';
import type { Transaction } from 'plaid';
import type { DataSource } from 'typeorm';
import { SyncWriter } from '../../../src/repositories/sync-writer';
import { openMigratedScratchDatabase, type MigratedScratchDatabase } from '../../support/scratch-database';

/** Text that COPY's format and JSON both have to carry exactly. */
const AWKWARD_NAMES = ['Tab\there', 'New\nline and\r\nCRLF', 'Back\\slash \\N not null', 'Café ☕ 東京', 'Quote\'s "double"', '\\.', ''];

function transaction(index: number, accountId: string, prefix: string): Transaction {
  return {
    transaction_id: `${prefix}-${index}`,
    account_id: accountId,
    amount: index % 2 === 0 ? index / 100 : -index / 7,
    iso_currency_code: index % 5 === 0 ? null : 'USD',
    unofficial_currency_code: index % 5 === 0 ? 'BTC' : null,
    date: `2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
    authorized_date: index % 3 === 0 ? null : '2024-01-01',
    name: AWKWARD_NAMES[index % AWKWARD_NAMES.length] + ` #${index}`,
    merchant_name: index % 4 === 0 ? null : `Merchant\t${index}`,
    personal_finance_category: index % 6 === 0 ? null : { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE' },
    pending: index % 9 === 0,
    pending_transaction_id: index % 9 === 1 ? `${prefix}-${index - 1}` : null,
    payment_channel: 'in store',
    logo_url: index % 2 === 0 ? null : 'https://logo.example.com/a.png',
    website: index % 2 === 0 ? 'shop.example.com' : null,
  } as Transaction;
}

/** What the table holds for a transaction, in the writer's own field names. */
function expected(t: Transaction) {
  return {
    plaid_transaction_id: t.transaction_id,
    amount: String(t.amount),
    iso_currency_code: t.iso_currency_code,
    unofficial_currency_code: t.unofficial_currency_code,
    date: t.date,
    authorized_date: t.authorized_date,
    name: t.name,
    merchant_name: t.merchant_name ?? null,
    category: t.personal_finance_category?.primary ?? null,
    category_detailed: t.personal_finance_category?.detailed ?? null,
    pending: t.pending,
    pending_transaction_id: t.pending_transaction_id,
    payment_channel: t.payment_channel,
    logo_url: t.logo_url ?? null,
    website: t.website ?? null,
  };
}

describe('SyncWriter.upsertTransactions', () => {
  let database: MigratedScratchDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openMigratedScratchDatabase('sync_writer');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database.close();
  });

  async function newItem(): Promise<{ itemId: string; accountId: string }> {
    const itemId = randomUUID();
    await dataSource.query(
      `INSERT INTO items (id, user_id, plaid_item_id, access_token_ciphertext, access_token_key_id) VALUES ($1, 'u', $2, '\\x00', 'k')`,
      [itemId, `plaid-${itemId}`],
    );
    await dataSource.query(
      `INSERT INTO accounts (item_id, user_id, plaid_account_id, name, type, balance_updated_at) VALUES ($1, 'u', 'acc-1', 'Checking', 'depository', now())`,
      [itemId],
    );
    return { itemId, accountId: 'acc-1' };
  }

  async function write(itemId: string, transactions: Transaction[]): Promise<number> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const written = await new SyncWriter(runner.manager, itemId, 'u').upsertTransactions(transactions);
      await runner.commitTransaction();
      return written;
    } finally {
      await runner.release();
    }
  }

  async function rows(itemId: string) {
    return dataSource.query(
      `SELECT plaid_transaction_id, amount::text AS amount, iso_currency_code, unofficial_currency_code, date::text AS date,
              authorized_date::text AS authorized_date, name, merchant_name, category, category_detailed, pending,
              pending_transaction_id, payment_channel, logo_url, website
         FROM transactions WHERE item_id = $1 ORDER BY plaid_transaction_id`,
      [itemId],
    );
  }

  const byId = (a: { plaid_transaction_id: string }, b: { plaid_transaction_id: string }) =>
    a.plaid_transaction_id.localeCompare(b.plaid_transaction_id);

  it.each([
    ['a large batch (sent by COPY)', 1_500],
    ['a small batch (sent as JSON)', AWKWARD_NAMES.length * 3],
  ])('stores every field of %s exactly, awkward text included', async (_name, count) => {
    const { itemId, accountId } = await newItem();
    const transactions = Array.from({ length: count }, (_, index) => transaction(index, accountId, itemId));
    expect(await write(itemId, transactions)).toBe(count);
    expect(await rows(itemId)).toEqual(transactions.map(expected).sort(byId));
  });

  it('updates what it wrote before, skips rows of accounts it does not know, and leaves other Items alone', async () => {
    const { itemId, accountId } = await newItem();
    const other = await newItem();
    const original = Array.from({ length: 1_200 }, (_, index) => transaction(index, accountId, itemId));
    await write(itemId, original);
    const changed = original.map((t) => ({ ...t, amount: t.amount + 1, name: `${t.name} (posted)` }));
    const unknownAccount = transaction(5_000, 'acc-nobody-knows', itemId);
    expect(await write(itemId, [...changed, unknownAccount])).toBe(changed.length);
    expect(await rows(itemId)).toEqual(changed.map(expected).sort(byId));
    // The same Plaid id offered for another Item does not take the row over.
    expect(await write(other.itemId, [transaction(1, other.accountId, itemId)])).toBe(0);
    expect(await rows(other.itemId)).toEqual([]);
  });

  it("moves a removed pending transaction's annotation to its posted one in the sync's transaction, keeping a posted one's own", async () => {
    const { itemId, accountId } = await newItem();
    const pendingOf = (n: number) => ({
      ...transaction(n, accountId, itemId),
      transaction_id: `${itemId}-p${n}`,
      pending: true,
      pending_transaction_id: null,
    });
    const postedOf = (n: number) => ({
      ...transaction(n, accountId, itemId),
      transaction_id: `${itemId}-x${n}`,
      pending: false,
      pending_transaction_id: `${itemId}-p${n}`,
    });
    // 1: annotated, posted now; 2: annotated, its posted one annotated already; 3: annotated, posted in an earlier sync; 4: not annotated.
    await write(itemId, [1, 2, 3, 4].map(pendingOf));
    await write(itemId, [postedOf(2), postedOf(3)]);
    const idOf = async (plaidId: string) =>
      (await dataSource.query<Array<{ id: string }>>('SELECT id FROM transactions WHERE plaid_transaction_id = $1', [plaidId]))[0].id;
    const note = (plaidId: string, text: string) =>
      idOf(plaidId).then((id) =>
        dataSource.query(`INSERT INTO transaction_annotations (transaction_id, user_id, note, tags) VALUES ($1, 'u', $2, '{t}')`, [
          id,
          text,
        ]),
      );
    await note(`${itemId}-p1`, 'one');
    await note(`${itemId}-p2`, 'two, pending');
    await note(`${itemId}-x2`, 'two, posted');
    await note(`${itemId}-p3`, 'three');

    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const writer = new SyncWriter(runner.manager, itemId, 'u');
      await writer.upsertTransactions([postedOf(1), postedOf(4)]);
      expect(await writer.removeTransactions([1, 2, 3, 4].map((n) => `${itemId}-p${n}`))).toBe(4);
      await writer.logChanges();
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const notes = await dataSource.query<Array<{ plaid_transaction_id: string; note: string; tags: string[] }>>(
      `SELECT t.plaid_transaction_id, an.note, an.tags FROM transaction_annotations an JOIN transactions t ON t.id = an.transaction_id
        WHERE t.item_id = $1 ORDER BY t.plaid_transaction_id`,
      [itemId],
    );
    expect(notes).toEqual([
      { plaid_transaction_id: `${itemId}-x1`, note: 'one', tags: ['t'] },
      { plaid_transaction_id: `${itemId}-x2`, note: 'two, posted', tags: ['t'] },
      { plaid_transaction_id: `${itemId}-x3`, note: 'three', tags: ['t'] },
    ]);
    const logged = await dataSource.query<Array<{ plaid_transaction_id: string; change: string }>>(
      `SELECT plaid_transaction_id, change FROM transaction_changes WHERE item_id = $1 ORDER BY plaid_transaction_id, change`,
      [itemId],
    );
    expect(logged).toEqual([
      ...[1, 2, 3, 4].map((n) => ({ plaid_transaction_id: `${itemId}-p${n}`, change: 'removed' })),
      { plaid_transaction_id: `${itemId}-x1`, change: 'added' },
      // Posted in an earlier sync: its new annotation is a modification.
      { plaid_transaction_id: `${itemId}-x3`, change: 'modified' },
      { plaid_transaction_id: `${itemId}-x4`, change: 'added' },
    ]);
  });

  it('leaves nothing behind when the surrounding transaction rolls back', async () => {
    const { itemId, accountId } = await newItem();
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await new SyncWriter(runner.manager, itemId, 'u').upsertTransactions(
        Array.from({ length: 1_100 }, (_, index) => transaction(index, accountId, itemId)),
      );
      await runner.rollbackTransaction();
      // The same connection can write again: the temporary table went with the transaction.
      await runner.startTransaction();
      expect(
        await new SyncWriter(runner.manager, itemId, 'u').upsertTransactions(
          Array.from({ length: 1_100 }, (_, index) => transaction(index, accountId, itemId)),
        ),
      ).toBe(1_100);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await rows(itemId)).toEqual([]);
  });
});
