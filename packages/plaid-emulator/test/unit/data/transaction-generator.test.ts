import { TransactionGenerator, type GenerationPlan } from '../../../src/data/transaction-generator';

const plan: GenerationPlan = {
  seed: 'generator',
  itemId: 'ItemGeneratorTest000000000000000000000',
  count: 1000,
  historyDays: 90,
  anchorDay: 20_000,
  accounts: [
    { account_id: 'checking', role: 'checking' },
    { account_id: 'savings', role: 'savings' },
    { account_id: 'card', role: 'credit' },
  ],
};

it('computes the same transaction from the same seed, item and index', () => {
  expect(new TransactionGenerator(plan).generated(123)).toEqual(new TransactionGenerator(plan).generated(123));
  expect(new TransactionGenerator({ ...plan, seed: 'other' }).generated(123)).not.toEqual(new TransactionGenerator(plan).generated(123));
});

it('gives every transaction its own Plaid-shaped id, different for another Item', () => {
  const generator = new TransactionGenerator(plan);
  const other = new TransactionGenerator({ ...plan, itemId: 'AnotherItem0000000000000000000000000000' });
  const ids = new Set(Array.from({ length: plan.count }, (_, i) => generator.generated(i).transaction_id));
  expect(ids.size).toBe(plan.count);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{37}$/);
  expect(ids.has(other.generated(0).transaction_id)).toBe(false);
});

it('spreads dates over the history, oldest first, ending on the anchor day', () => {
  const generator = new TransactionGenerator(plan);
  const dates = Array.from({ length: plan.count }, (_, i) => generator.generated(i).date);
  expect([...dates].sort()).toEqual(dates);
  expect(dates[dates.length - 1]).toBe(generator.dateOf(plan.anchorDay));
  expect(dates[0] >= generator.dateOf(plan.anchorDay - plan.historyDays)).toBe(true);
});

it('keeps only recent card payments pending, and income on the right accounts', () => {
  const generator = new TransactionGenerator(plan);
  const all = Array.from({ length: plan.count }, (_, i) => generator.generated(i));
  const firstPending = generator.firstPossiblyPendingIndex();
  expect(all.slice(0, firstPending).some((t) => t.pending)).toBe(false);
  expect(all.slice(firstPending).some((t) => t.pending)).toBe(true);
  for (const t of all) {
    if (t.personal_finance_category?.detailed === 'INCOME_WAGES') expect(t.account_id).toBe('checking');
    if (t.personal_finance_category?.detailed === 'INCOME_INTEREST_EARNED') expect(t.account_id).toBe('savings');
    if (t.pending) expect(t.authorized_date).toBe(t.date);
  }
  expect(all.some((t) => t.amount < 0)).toBe(true);
  expect(all.some((t) => t.location.city !== null)).toBe(true);
});
