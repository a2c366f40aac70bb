import { TransactionGenerator } from '../../../src/data/transaction-generator';
import { TransactionLedger, type LedgerMutation, type SyncPage } from '../../../src/state/transaction-ledger';

const ITEM = 'ItemLedgerTest0000000000000000000000';

function ledger(count = 10, mutations: LedgerMutation[] = []) {
  const generator = new TransactionGenerator({
    seed: 'ledger',
    itemId: ITEM,
    count,
    historyDays: 30,
    anchorDay: 20_000,
    accounts: [
      { account_id: 'checking', role: 'checking' },
      { account_id: 'card', role: 'credit' },
    ],
  });
  return new TransactionLedger(ITEM, generator, mutations);
}

function drain(target: TransactionLedger, cursor?: string, count = 4): SyncPage {
  const all: SyncPage = { added: [], modified: [], removed: [], next_cursor: cursor ?? '', has_more: false };
  do {
    const page = target.sync({ cursor: all.next_cursor || undefined, count, accountId: undefined, includeOriginalDescription: true });
    all.added.push(...page.added);
    all.modified.push(...page.modified);
    all.removed.push(...page.removed);
    all.next_cursor = page.next_cursor;
    all.has_more = page.has_more;
  } while (all.has_more);
  return all;
}

it('serves the generated history in pages, then nothing', () => {
  const subject = ledger(10);
  const first = subject.sync({ cursor: undefined, count: 4, accountId: undefined, includeOriginalDescription: true });
  expect(first.added).toHaveLength(4);
  expect(first.has_more).toBe(true);
  const rest = drain(subject, first.next_cursor);
  expect(rest.added).toHaveLength(6);
  const quiet = subject.sync({ cursor: rest.next_cursor, count: 4, accountId: undefined, includeOriginalDescription: true });
  expect(quiet).toMatchObject({ added: [], modified: [], removed: [], has_more: false, next_cursor: rest.next_cursor });
});

it('reports each change once, as its net effect since the cursor', () => {
  const subject = ledger(5);
  const seen = drain(subject);
  const [a, b] = seen.added;
  const extra = { ...a, transaction_id: 'new-one' };
  subject.append(
    { kind: 'modified', transaction: { ...a, amount: 1 }, added_at: 0 },
    { kind: 'modified', transaction: { ...a, amount: 2 }, added_at: 0 },
    { kind: 'removed', transaction_id: b.transaction_id, account_id: b.account_id, added_at: 1 },
    { kind: 'added', transaction: extra },
    { kind: 'removed', transaction_id: 'new-one', account_id: extra.account_id, added_at: 8 },
  );
  const changes = drain(subject, seen.next_cursor, 1);
  expect(changes.modified).toEqual([expect.objectContaining({ transaction_id: a.transaction_id, amount: 2 })]);
  expect(changes.removed).toEqual([{ transaction_id: b.transaction_id, account_id: b.account_id }]);
  // Added and removed since the cursor: the client never needs to hear of it.
  expect(changes.added).toEqual([]);

  const fromScratch = drain(subject);
  expect(fromScratch.removed).toEqual([]);
  expect(fromScratch.modified).toEqual([]);
  expect(fromScratch.added.map((t) => t.transaction_id).sort()).toEqual(
    seen.added
      .filter((t) => t !== b)
      .map((t) => t.transaction_id)
      .sort(),
  );
});

it('fails a pagination whose stream grew, and not one that restarts', () => {
  const subject = ledger(10);
  const first = subject.sync({ cursor: undefined, count: 4, accountId: undefined, includeOriginalDescription: true });
  subject.append({ kind: 'added', transaction: { ...first.added[0], transaction_id: 'late' } });
  expect(() => subject.sync({ cursor: first.next_cursor, count: 4, accountId: undefined, includeOriginalDescription: true })).toThrow(
    expect.objectContaining({ body: expect.objectContaining({ error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' }) }),
  );
  expect(drain(subject).added).toHaveLength(11);
});

it('finds live transactions and lists pending ones', () => {
  const subject = ledger(200);
  const all = drain(subject, undefined, 500);
  const pending = subject.pending();
  expect(pending.map((p) => p.transaction.transaction_id).sort()).toEqual(
    all.added
      .filter((t) => t.pending)
      .map((t) => t.transaction_id)
      .sort(),
  );
  const target = all.added[42];
  expect(subject.find(target.transaction_id)).toEqual({ transaction: target, addedAt: 42 });
  subject.append({ kind: 'removed', transaction_id: target.transaction_id, account_id: target.account_id, added_at: 42 });
  expect(subject.find(target.transaction_id)).toBeUndefined();
});

it('keeps a stored mutation log usable after a restart', () => {
  const mutations: LedgerMutation[] = [];
  const before = ledger(10, mutations);
  const seen = drain(before);
  before.append({ kind: 'removed', transaction_id: seen.added[3].transaction_id, account_id: seen.added[3].account_id, added_at: 3 });
  const after = ledger(10, mutations);
  expect(drain(after, seen.next_cursor).removed).toHaveLength(1);
});
