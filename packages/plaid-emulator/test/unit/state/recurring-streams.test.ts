import type { TransactionStream } from 'plaid';
import { TransactionGenerator, type GenerationPlan } from '../../../src/data/transaction-generator';
import { TransactionLedger } from '../../../src/state/transaction-ledger';
import { changedStreamAccounts, detectRecurringStreams } from '../../../src/state/recurring-streams';

const DAY_MS = 86_400_000;
/** A fixed anchor: the generator is pure, so no test here reads the calendar. */
const ANCHOR_DAY = 20_000;

function plan(count: number, historyDays: number): GenerationPlan {
  return {
    seed: 'recurring',
    itemId: 'ItemRecurringTest00000000000000000000',
    count,
    historyDays,
    anchorDay: ANCHOR_DAY,
    accounts: [
      { account_id: 'checking', role: 'checking' },
      { account_id: 'savings', role: 'savings' },
      { account_id: 'card', role: 'credit' },
    ],
  };
}

function streamsOf(count: number, historyDays: number) {
  const ledger = new TransactionLedger('item', new TransactionGenerator(plan(count, historyDays)), []);
  return detectRecurringStreams(
    'item',
    ledger.live().map((entry) => entry.transaction()),
    ANCHOR_DAY * DAY_MS,
  );
}

const summary = (stream: TransactionStream) => [stream.merchant_name, stream.frequency, stream.account_id, stream.status];

it('finds the salary, rent, subscriptions and weekly habit of a generated history, and no noise', () => {
  const streams = streamsOf(3 * 180, 180);
  expect(streams.inflow_streams.map(summary)).toEqual([['Initech', 'BIWEEKLY', 'checking', 'MATURE']]);
  expect(streams.outflow_streams.map(summary).sort()).toEqual(
    [
      ['Audible', 'MONTHLY', 'card', 'MATURE'],
      ['Ferry Plaza Farmers Market', 'WEEKLY', 'card', 'MATURE'],
      ['Hulu', 'MONTHLY', 'card', 'MATURE'],
      ['Parkview Apartments', 'MONTHLY', 'checking', 'MATURE'],
      ['Planet Fitness', 'MONTHLY', 'card', 'MATURE'],
    ].sort(),
  );
});

it('describes each stream with its amounts, dates and transactions', () => {
  const streams = streamsOf(3 * 180, 180);
  const salary = streams.inflow_streams[0];
  expect(salary.average_amount.amount).toBe(-2875);
  expect(salary.last_amount.amount).toBe(-2875);
  expect(salary.transaction_ids.length).toBeGreaterThanOrEqual(12);
  expect(Date.parse(salary.predicted_next_date!) - Date.parse(salary.last_date)).toBe(14 * DAY_MS);
  expect(salary.first_date < salary.last_date).toBe(true);
  const market = streams.outflow_streams.find((stream) => stream.merchant_name === 'Ferry Plaza Farmers Market')!;
  // Its amounts vary, so the average is not simply the last one.
  expect(market.average_amount.amount).toBeGreaterThanOrEqual(24);
  expect(market.average_amount.amount).toBeLessThanOrEqual(38);
  const rent = streams.outflow_streams.find((stream) => stream.merchant_name === 'Parkview Apartments')!;
  expect(rent.last_date.endsWith('-01')).toBe(true);
  expect(rent.predicted_next_date!.endsWith('-01')).toBe(true);
});

it('keeps finding the series in dense histories', () => {
  const streams = streamsOf(10_000, 90);
  expect(streams.inflow_streams.map((stream) => stream.merchant_name)).toEqual(['Initech']);
  expect(streams.outflow_streams).toHaveLength(5);
});

it('names the accounts whose streams changed', () => {
  const before = streamsOf(3 * 180, 180);
  const after = structuredClone(before);
  expect(changedStreamAccounts(before, after)).toEqual([]);
  after.outflow_streams[0].transaction_ids.push('new');
  expect(changedStreamAccounts(before, after)).toEqual([after.outflow_streams[0].account_id]);
  expect(changedStreamAccounts(before, { inflow_streams: [], outflow_streams: before.outflow_streams })).toEqual(['checking']);
});
