import type { Transaction } from 'plaid';
import { startTestEmulator, type TestEmulator } from '../support/emulator-harness';

/**
 * `/transactions/get` and `/transactions/sync` read one ledger: an app that moves from one to
 * the other sees the same transactions, pending ones replaced by their posted versions.
 */
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: false });
});

afterAll(async () => {
  await t.emulator.close();
});

it('/transactions/get paged by offset gives exactly the set /transactions/sync gives, for 10,000 transactions after a refresh that posts pending ones', async () => {
  const item = await t.emulator.control.createItem({ transactions: 10_000 });
  const synced = new Map<string, Transaction>();
  let cursor: string | undefined;
  const syncAll = async () => {
    for (;;) {
      const { data } = await t.client.transactionsSync({ access_token: item.accessToken, cursor, count: 500 });
      for (const transaction of [...data.added, ...data.modified]) synced.set(transaction.transaction_id, transaction);
      for (const removed of data.removed) synced.delete(removed.transaction_id);
      cursor = data.next_cursor;
      if (!data.has_more) return;
    }
  };
  await syncAll();
  expect(synced.size).toBe(10_000);
  const pending = [...synced.values()].filter((transaction) => transaction.pending);
  expect(pending.length).toBeGreaterThan(0);

  await t.client.transactionsRefresh({ access_token: item.accessToken });
  await syncAll();
  expect([...synced.values()].filter((transaction) => transaction.pending_transaction_id !== null)).toHaveLength(pending.length);

  const dates = [...synced.values()].map((transaction) => transaction.date).sort();
  const range = { start_date: dates[0], end_date: dates[dates.length - 1] };
  const listed: Transaction[] = [];
  let total: number;
  for (;;) {
    const { data } = await t.client.transactionsGet({
      access_token: item.accessToken,
      ...range,
      options: { count: 500, offset: listed.length },
    });
    expect(data.transactions.length).toBeGreaterThan(0);
    listed.push(...data.transactions);
    total = data.total_transactions;
    if (listed.length >= total) break;
  }

  expect(total).toBe(synced.size);
  expect(listed).toHaveLength(synced.size);
  expect(new Map(listed.map((transaction) => [transaction.transaction_id, transaction]))).toEqual(synced);
  const listedDates = listed.map((transaction) => transaction.date);
  expect(listedDates).toEqual([...listedDates].sort().reverse());
});
