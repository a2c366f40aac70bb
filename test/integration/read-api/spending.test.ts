import { randomUUID } from 'node:crypto';
import { graphql } from '../../generated';
import type { SpendingGrouping, SpendingQuery, SpendingQueryVariables } from '../../generated/graphql';
import { Decimal } from '../../../src/services/exact-amount';
import { seedDashboardUser } from '../../support/dashboard-seed';
import { daysAgo } from '../../support/dates';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const SPENDING = graphql(`
  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!, $filter: TransactionFilter) {
    spending(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
      from
      to
      groups {
        key
        currencyCode
        outflow
        inflow
        net
        transactionCount
      }
      totals {
        key
        currencyCode
        outflow
        inflow
        net
        transactionCount
      }
    }
  }
`);

/** The same, with a field only the resolvers answer (introspection): the read planner leaves the whole operation to them. */
const SPENDING_BY_RESOLVERS = `query SpendingByResolvers($from: Date!, $to: Date!) {
  __type(name: "SpendingSummary") { name }
  spending(from: $from, to: $to) { groups { key currencyCode outflow inflow net transactionCount } totals { key currencyCode outflow inflow net transactionCount } }
}`;

type Summary = SpendingQuery['spending'];
type Group = Summary['groups'][number];

/** The cap on groups this file's gateway answers: small, so the dashboard's merchants exceed it. */
const MAX_GROUPS = 6;

interface Row {
  amount: string;
  date?: string;
  iso?: string | null;
  unofficial?: string | null;
  name?: string;
  merchant?: string | null;
  category?: string | null;
  pending?: boolean;
}

describe('spending summaries', () => {
  let gw: TestGateway;
  const db = () => gw.gateway.dataSource;

  beforeAll(async () => {
    gw = await startTestGateway({ SYNC_SWEEP_INTERVAL_MINUTES: '59', SPENDING_MAX_GROUPS: String(MAX_GROUPS) });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A user with one Item of `accounts` accounts (dashboard-seed.ts), and `shape`'s transactions in each when given. */
  async function seedUser(prefix: string, transactionsPerAccount = 0, accounts = 2) {
    const userId = newUserId(prefix);
    await seedDashboardUser(db(), userId, { items: 1, accountsPerItem: accounts, transactionsPerAccount });
    const rows = await db().query<Array<{ id: string; item_id: string }>>(
      'SELECT id, item_id FROM accounts WHERE user_id = $1 ORDER BY name',
      [userId],
    );
    return { userId, token: await gw.tokenFor(userId), itemId: rows[0].item_id, accountIds: rows.map((row) => row.id) };
  }

  /** Transactions written directly into the account; their ids, in order. */
  async function insert(userId: string, accountId: string, rows: Row[]): Promise<string[]> {
    const ids: string[] = [];
    for (const row of rows) {
      const [{ id }] = await db().query<Array<{ id: string }>>(
        `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, iso_currency_code, unofficial_currency_code,
                                   date, name, merchant_name, category, pending)
         SELECT $1, a.item_id, a.id, $3, $4::numeric, $5, $6, $7::date, $8, $9, $10, $11 FROM accounts a WHERE a.id = $2
         RETURNING id`,
        [
          userId,
          accountId,
          `tx-${randomUUID()}`,
          row.amount,
          row.iso === undefined ? 'USD' : row.iso,
          row.unofficial ?? null,
          row.date ?? daysAgo(1),
          row.name ?? 'Purchase',
          row.merchant ?? null,
          row.category === undefined ? 'FOOD_AND_DRINK' : row.category,
          row.pending ?? false,
        ],
      );
      ids.push(id);
    }
    return ids;
  }

  /** Operations the read planner answered so far. */
  async function plannedCount(): Promise<number> {
    const metric = await gw.gateway.metrics.registry.getSingleMetric('gateway_graphql_read_path_total')?.get();
    return metric?.values.find((value) => value.labels.path === 'planner')?.value ?? 0;
  }

  async function spending(token: string, variables: SpendingQueryVariables) {
    return gw.graphql(SPENDING, { token, variables });
  }

  async function summary(token: string, variables: Partial<SpendingQueryVariables>): Promise<Summary> {
    const response = await spending(token, { from: daysAgo(30), to: daysAgo(0), groupBy: 'CATEGORY', ...variables });
    expect(response.errors).toBeUndefined();
    return response.data!.spending;
  }

  const group = (key: string, currencyCode: string, outflow: string, inflow: string, net: string, transactionCount: number): Group => ({
    key,
    currencyCode,
    outflow,
    inflow,
    net,
    transactionCount,
  });

  it('0.1 + 0.2 sums to exactly 0.3 in spending', async () => {
    const user = await seedUser('spending-exact');
    await insert(user.userId, user.accountIds[0], [{ amount: '0.1' }, { amount: '0.2' }, { amount: '-0.1' }, { amount: '-0.2' }]);
    await insert(user.userId, user.accountIds[1], [
      { amount: '0.1', category: 'TRAVEL' },
      { amount: '0.2', category: 'TRAVEL' },
    ]);
    const plannedBefore = await plannedCount();
    const answer = await summary(user.token, {});
    expect(await plannedCount()).toBe(plannedBefore + 1);
    expect(answer.groups).toEqual([group('FOOD_AND_DRINK', 'USD', '0.3', '0.3', '0', 4), group('TRAVEL', 'USD', '0.3', '0', '0.3', 2)]);
    expect(answer.totals).toEqual([group('', 'USD', '0.6', '0.3', '0.3', 6)]);
    // The resolvers' path sums the same rows the same way.
    const byResolvers = await gw.graphql<{ spending: Pick<Summary, 'groups' | 'totals'> }>(SPENDING_BY_RESOLVERS, {
      token: user.token,
      variables: { from: daysAgo(30), to: daysAgo(0) },
    });
    expect(await plannedCount()).toBe(plannedBefore + 1);
    expect(byResolvers.data?.spending).toEqual({ groups: answer.groups, totals: answer.totals });
  });

  it('mixed currencies give one total per currency', async () => {
    const user = await seedUser('spending-currencies');
    await insert(user.userId, user.accountIds[0], [
      { amount: '10.00', iso: 'USD' },
      { amount: '2.5', iso: 'USD', category: 'TRAVEL' },
      { amount: '5.5', iso: 'EUR' },
      { amount: '-1.25', iso: 'EUR', category: 'TRAVEL' },
      { amount: '0.00012345', iso: null, unofficial: 'BTC' },
      // Neither code: currencyCodeOf's XXX, never summed with another currency.
      { amount: '7', iso: null, unofficial: null },
    ]);
    const answer = await summary(user.token, {});
    expect(answer.groups).toEqual([
      group('FOOD_AND_DRINK', 'USD', '10', '0', '10', 1),
      group('FOOD_AND_DRINK', 'XXX', '7', '0', '7', 1),
      group('FOOD_AND_DRINK', 'EUR', '5.5', '0', '5.5', 1),
      group('TRAVEL', 'USD', '2.5', '0', '2.5', 1),
      group('FOOD_AND_DRINK', 'BTC', '0.00012345', '0', '0.00012345', 1),
      group('TRAVEL', 'EUR', '0', '1.25', '-1.25', 1),
    ]);
    expect(answer.totals).toEqual([
      group('', 'USD', '12.5', '0', '12.5', 2),
      group('', 'XXX', '7', '0', '7', 1),
      group('', 'EUR', '5.5', '1.25', '4.25', 2),
      group('', 'BTC', '0.00012345', '0', '0.00012345', 1),
    ]);
  });

  it.each<[SpendingGrouping]>([['CATEGORY'], ['MERCHANT'], ['MONTH'], ['ACCOUNT']])(
    'groups by %s, largest outflow first, capped at SPENDING_MAX_GROUPS with the totals over every group',
    async (groupBy) => {
      // Dashboard rows (three a day, merchants and names, two pending) and some of each sign and category.
      const user = await seedUser(`spending-${groupBy.toLowerCase()}`, 40, 3);
      await insert(user.userId, user.accountIds[0], [
        { amount: '-100.5', category: 'INCOME', date: daysAgo(40) },
        { amount: '33.33', category: null, merchant: 'Corner shop', date: daysAgo(70) },
        { amount: '-0.01', category: 'TRAVEL', merchant: '', name: 'Refund', date: daysAgo(5) },
      ]);
      const from = daysAgo(80);
      const to = daysAgo(0);
      const rows = await db().query<Array<Row & { account_id: string; date: string }>>(
        `SELECT amount::text AS amount, date::text AS date, name, merchant_name AS merchant, category, account_id
           FROM transactions WHERE user_id = $1 AND date BETWEEN $2::date AND $3::date`,
        [user.userId, from, to],
      );
      const keyOf = (row: (typeof rows)[number]): string =>
        ({
          CATEGORY: row.category ?? 'UNCATEGORIZED',
          MERCHANT: row.merchant || row.name!,
          MONTH: row.date.slice(0, 7),
          ACCOUNT: row.account_id,
        })[groupBy];
      const sums = (members: typeof rows, key: string): Group => {
        const outflow = members.reduce((sum, row) => (Number(row.amount) > 0 ? sum.plus(row.amount) : sum), new Decimal(0));
        const inflow = members.reduce((sum, row) => (Number(row.amount) < 0 ? sum.minus(row.amount) : sum), new Decimal(0));
        return group(key, 'USD', outflow.toString(), inflow.toString(), outflow.minus(inflow).toString(), members.length);
      };
      const keys = [...new Set(rows.map(keyOf))];
      const expected = keys
        .map((key) =>
          sums(
            rows.filter((row) => keyOf(row) === key),
            key,
          ),
        )
        .sort((a, b) => new Decimal(b.outflow).comparedTo(a.outflow) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

      const answer = await summary(user.token, { from, to, groupBy });
      expect(answer.from).toBe(from);
      expect(answer.to).toBe(to);
      expect(answer.groups).toEqual(expected.slice(0, MAX_GROUPS));
      expect(answer.totals).toEqual([sums(rows, '')]);
    },
  );

  it('leaves hidden transactions out, keeps pending ones, and groups by the category override', async () => {
    const user = await seedUser('spending-hidden');
    const [hidden, overridden, , visible] = await insert(user.userId, user.accountIds[0], [
      { amount: '1000' },
      { amount: '4', category: 'FOOD_AND_DRINK' },
      { amount: '6', category: 'FOOD_AND_DRINK', pending: true },
      { amount: '2', category: null },
    ]);
    // The annotation mutation is another change's: the rows as it writes them.
    const annotate = (transactionId: string, fields: { hidden?: boolean; category_override?: string }) =>
      db().query(`INSERT INTO transaction_annotations (transaction_id, user_id, hidden, category_override) VALUES ($1, $2, $3, $4)`, [
        transactionId,
        user.userId,
        fields.hidden ?? false,
        fields.category_override ?? null,
      ]);
    await annotate(hidden, { hidden: true });
    await annotate(overridden, { category_override: 'ENTERTAINMENT' });
    await annotate(visible, { hidden: false });
    const answer = await summary(user.token, {});
    expect(answer.groups).toEqual([
      group('FOOD_AND_DRINK', 'USD', '6', '0', '6', 1),
      group('ENTERTAINMENT', 'USD', '4', '0', '4', 1),
      group('UNCATEGORIZED', 'USD', '2', '0', '2', 1),
    ]);
    expect(answer.totals).toEqual([group('', 'USD', '12', '0', '12', 3)]);
  });

  it('refuses a range over SPENDING_MAX_RANGE_DAYS (731) or backwards with BAD_USER_INPUT, and takes exactly 731 days', async () => {
    const user = await seedUser('spending-range');
    await insert(user.userId, user.accountIds[0], [
      { amount: '3', date: daysAgo(730) },
      { amount: '4', date: daysAgo(731) },
    ]);
    const longest = await summary(user.token, { from: daysAgo(730), to: daysAgo(0) });
    expect(longest.totals).toEqual([group('', 'USD', '3', '0', '3', 1)]);
    for (const [from, to] of [
      [daysAgo(731), daysAgo(0)],
      [daysAgo(3000), daysAgo(0)],
      [daysAgo(0), daysAgo(1)],
    ]) {
      const response = await spending(user.token, { from, to, groupBy: 'CATEGORY' });
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ path: ['spending'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
    }
  });

  it('narrows with the filter as transactions does', async () => {
    const user = await seedUser('spending-filter');
    await insert(user.userId, user.accountIds[0], [
      { amount: '1', merchant: 'Coffee Corner', date: daysAgo(2) },
      { amount: '2', merchant: 'Book shop', date: daysAgo(3), pending: true },
      { amount: '4', merchant: 'Coffee Corner', date: daysAgo(10), category: 'TRAVEL' },
    ]);
    await insert(user.userId, user.accountIds[1], [{ amount: '8', merchant: 'Coffee Corner', date: daysAgo(2) }]);
    const total = async (filter: SpendingQueryVariables['filter']) => (await summary(user.token, { filter })).totals;
    expect(await total(null)).toEqual([group('', 'USD', '15', '0', '15', 4)]);
    expect(await total({ accountIds: [user.accountIds[1]] })).toEqual([group('', 'USD', '8', '0', '8', 1)]);
    expect(await total({ search: 'coffee' })).toEqual([group('', 'USD', '13', '0', '13', 3)]);
    expect(await total({ pending: true })).toEqual([group('', 'USD', '2', '0', '2', 1)]);
    expect(await total({ category: 'TRAVEL' })).toEqual([group('', 'USD', '4', '0', '4', 1)]);
    expect(await total({ from: daysAgo(5) })).toEqual([group('', 'USD', '11', '0', '11', 3)]);
    expect(await total({ minAmount: 2, maxAmount: 4 })).toEqual([group('', 'USD', '6', '0', '6', 2)]);
    expect(await total({ itemId: user.itemId })).toEqual([group('', 'USD', '15', '0', '15', 4)]);
    expect(await total({ itemId: 'not-an-id' })).toEqual([]);
    expect(await total({ accountIds: ['not-an-id'] })).toEqual([]);
  });

  it("never counts another user's transactions, even named in the filter", async () => {
    const mine = await seedUser('spending-mine');
    const theirs = await seedUser('spending-theirs', 20);
    await insert(mine.userId, mine.accountIds[0], [{ amount: '5' }]);
    await insert(theirs.userId, theirs.accountIds[0], [{ amount: '500' }]);
    expect((await summary(mine.token, {})).totals).toEqual([group('', 'USD', '5', '0', '5', 1)]);
    expect((await summary(mine.token, { filter: { accountIds: theirs.accountIds } })).totals).toEqual([]);
    expect((await summary(mine.token, { filter: { itemId: theirs.itemId } })).totals).toEqual([]);
    const stranger = await gw.tokenFor(newUserId('spending-stranger'));
    expect(await summary(stranger, {})).toEqual({ from: daysAgo(30), to: daysAgo(0), groups: [], totals: [] });
  });
});
