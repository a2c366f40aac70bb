import type { PlaidApi, RemovedTransaction, Transaction } from 'plaid';
import { linkSandboxItem, plaidErrorOf, startTestEmulator, type TestEmulator } from '../support/emulator-harness';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: false });
});

afterAll(async () => {
  await t.emulator.close();
});

interface SyncResult {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  cursor: string;
  pages: number;
}

async function syncAll(client: PlaidApi, accessToken: string, cursor?: string, count = 500): Promise<SyncResult> {
  const result: SyncResult = { added: [], modified: [], removed: [], cursor: cursor ?? '', pages: 0 };
  for (;;) {
    const { data } = await client.transactionsSync({ access_token: accessToken, cursor: result.cursor || undefined, count });
    result.added.push(...data.added);
    result.modified.push(...data.modified);
    result.removed.push(...data.removed);
    result.cursor = data.next_cursor;
    result.pages++;
    expect(data.transactions_update_status).toBe('HISTORICAL_UPDATE_COMPLETE');
    if (!data.has_more) return result;
  }
}

describe('pagination and cursors', () => {
  it('pages a history with opaque cursors, each transaction once', async () => {
    const item = await t.emulator.control.createItem({ transactions: 1234 });
    const first = await t.client.transactionsSync({ access_token: item.accessToken, count: 500 });
    expect(first.data.added).toHaveLength(500);
    expect(first.data.has_more).toBe(true);
    expect(first.data.next_cursor).not.toMatch(/^\d+$/);
    expect(first.data.accounts.map((account) => account.mask).sort()).toEqual(['0000', '1111', '3333']);

    const rest = await syncAll(t.client, item.accessToken, first.data.next_cursor);
    expect(rest.pages).toBe(2);
    const all = [...first.data.added, ...rest.added];
    expect(all).toHaveLength(1234);
    expect(new Set(all.map((transaction) => transaction.transaction_id)).size).toBe(1234);
    expect(rest.modified).toEqual([]);
    expect(rest.removed).toEqual([]);
  });

  it('defaults to 100 per page', async () => {
    const item = await t.emulator.control.createItem({ transactions: 150 });
    const { data } = await t.client.transactionsSync({ access_token: item.accessToken });
    expect(data.added).toHaveLength(100);
    expect(data.has_more).toBe(true);
  });

  it('returns realistic, several-months histories with pending and posted transactions', async () => {
    const item = await linkSandboxItem(t.client);
    const { added } = await syncAll(t.client, item.accessToken);
    const dates = added.map((transaction) => transaction.date).sort();
    const spanDays = (Date.parse(dates[dates.length - 1]) - Date.parse(dates[0])) / 86_400_000;
    expect(spanDays).toBeGreaterThan(80);
    expect(added.some((transaction) => transaction.pending)).toBe(true);
    expect(added.some((transaction) => !transaction.pending)).toBe(true);
    expect(new Set(added.map((transaction) => transaction.merchant_name)).size).toBeGreaterThan(10);
    expect(added.every((transaction) => transaction.personal_finance_category?.primary)).toBe(true);
    expect(added.every((transaction) => transaction.original_description === null)).toBe(true);
  });

  it('fills original_description on request and narrows to one account', async () => {
    const item = await t.emulator.control.createItem({ transactions: 300 });
    const accounts = await t.client.accountsGet({ access_token: item.accessToken });
    const checking = accounts.data.accounts.find((account) => account.mask === '0000')!.account_id;
    const { data } = await t.client.transactionsSync({
      access_token: item.accessToken,
      count: 500,
      options: { include_original_description: true, account_id: checking },
    });
    expect(data.added.length).toBeGreaterThan(0);
    expect(data.added.every((transaction) => transaction.account_id === checking)).toBe(true);
    expect(data.added.every((transaction) => typeof transaction.original_description === 'string')).toBe(true);
    expect(data.accounts.map((account) => account.account_id)).toEqual([checking]);
  });

  it('answers a resync from the final cursor with nothing, and the same cursor', async () => {
    const item = await t.emulator.control.createItem({ transactions: 700 });
    const { cursor } = await syncAll(t.client, item.accessToken);
    const { data } = await t.client.transactionsSync({ access_token: item.accessToken, cursor });
    expect(data).toMatchObject({ added: [], modified: [], removed: [], has_more: false, next_cursor: cursor });
  });

  it('refuses a cursor of another Item or a forged one', async () => {
    const one = await t.emulator.control.createItem({ transactions: 10 });
    const two = await t.emulator.control.createItem({ transactions: 10 });
    const { cursor } = await syncAll(t.client, one.accessToken);
    expect((await plaidErrorOf(t.client.transactionsSync({ access_token: two.accessToken, cursor }))).error_code).toBe('INVALID_FIELD');
    expect((await plaidErrorOf(t.client.transactionsSync({ access_token: one.accessToken, cursor: 'Zm9yZ2Vk' }))).error_code).toBe(
      'INVALID_FIELD',
    );
  });

  it('fails a pagination whose data changed with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION', async () => {
    const item = await t.emulator.control.createItem({ transactions: 600 });
    const first = await t.client.transactionsSync({ access_token: item.accessToken, count: 500 });
    await t.client.transactionsRefresh({ access_token: item.accessToken });
    const error = await plaidErrorOf(
      t.client.transactionsSync({ access_token: item.accessToken, cursor: first.data.next_cursor, count: 500 }),
    );
    expect(error).toMatchObject({
      httpStatus: 400,
      error_type: 'TRANSACTIONS_ERROR',
      error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
    });
    // Restarting from the cursor the pagination began with (here: none) works.
    const restarted = await syncAll(t.client, item.accessToken);
    expect(restarted.added.length).toBeGreaterThanOrEqual(600);
  });
});

describe('user_transactions_dynamic', () => {
  it('posts pending transactions on refresh and adds new ones', async () => {
    const item = await linkSandboxItem(t.client, { username: 'user_transactions_dynamic', password: 'anything' });
    const initial = await syncAll(t.client, item.accessToken);
    const pending = initial.added.filter((transaction) => transaction.pending);
    expect(pending.length).toBeGreaterThan(0);

    await t.client.transactionsRefresh({ access_token: item.accessToken });
    const update = await syncAll(t.client, item.accessToken, initial.cursor);
    expect(update.removed.map((removed) => removed.transaction_id).sort()).toEqual(pending.map((p) => p.transaction_id).sort());
    for (const old of pending) {
      const posted = update.added.find((transaction) => transaction.pending_transaction_id === old.transaction_id);
      expect(posted).toMatchObject({ pending: false, amount: old.amount, account_id: old.account_id, name: old.name });
      expect(posted!.transaction_id).not.toBe(old.transaction_id);
    }
    const fresh = update.added.filter((transaction) => transaction.pending_transaction_id === null);
    expect(fresh.length).toBeGreaterThan(0);

    // A client starting now sees only what exists: the posted transactions, not the removed pending ones.
    const newcomer = await syncAll(t.client, item.accessToken);
    const ids = new Set(newcomer.added.map((transaction) => transaction.transaction_id));
    expect(pending.some((p) => ids.has(p.transaction_id))).toBe(false);
    expect(newcomer.removed).toEqual([]);
    expect(newcomer.added).toHaveLength(initial.added.length - pending.length + update.added.length);
  });

  it('returns sandbox-created transactions on the next sync', async () => {
    const item = await linkSandboxItem(t.client, { username: 'user_transactions_dynamic', password: 'x' });
    const { cursor } = await syncAll(t.client, item.accessToken);
    const today = new Date().toISOString().slice(0, 10);
    await t.client.sandboxTransactionsCreate({
      access_token: item.accessToken,
      transactions: [
        { date_transacted: today, date_posted: today, amount: 12.34, description: 'Corner Bakery' },
        { date_transacted: today, date_posted: today, amount: 4.5, description: 'Starbucks #123', iso_currency_code: 'USD' },
      ],
    });
    const next = await syncAll(t.client, item.accessToken, cursor);
    expect(next.added.map((transaction) => [transaction.name, transaction.amount])).toEqual([
      ['Corner Bakery', 12.34],
      ['Starbucks', 4.5],
    ]);
    expect(next.added[1].merchant_name).toBe('Starbucks');
  });

  it('reports control-API modifications under modified', async () => {
    const item = await t.emulator.control.createItem({ transactions: 50 });
    const { added, cursor } = await syncAll(t.client, item.accessToken);
    const target = added[10];
    await t.emulator.control.modifyTransaction(item.itemId, target.transaction_id, { amount: 99.99 });
    const next = await syncAll(t.client, item.accessToken, cursor);
    expect(next.modified).toEqual([expect.objectContaining({ transaction_id: target.transaction_id, amount: 99.99 })]);
    expect(next.added).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the same data for the same seed, with ids unique across Items', async () => {
    const other = await startTestEmulator({ seed: 'emulator-tests', rateLimits: false });
    try {
      const mine = await startTestEmulator({ seed: 'emulator-tests', rateLimits: false });
      try {
        const a = await mine.emulator.control.createItem({ transactions: 200 });
        const b = await other.emulator.control.createItem({ transactions: 200 });
        expect(a.itemId).toBe(b.itemId);
        const fromA = await syncAll(mine.client, a.accessToken);
        const fromB = await syncAll(other.client, b.accessToken);
        expect(fromA.added).toEqual(fromB.added);
        const second = await mine.emulator.control.createItem({ transactions: 200 });
        const fromSecond = await syncAll(mine.client, second.accessToken);
        const ids = new Set(fromA.added.map((transaction) => transaction.transaction_id));
        expect(fromSecond.added.some((transaction) => ids.has(transaction.transaction_id))).toBe(false);
      } finally {
        await mine.emulator.close();
      }
    } finally {
      await other.emulator.close();
    }
  });
});
