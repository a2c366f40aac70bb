import { seedSealedDashboardUser } from '../../support/sealed-dashboard-user';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

/** The read planner answers a query over stored data with one statement, whatever the number of Items, accounts and rows. */
describe("the read planner's SQL", () => {
  let gw: TestGateway;
  let recording: string[] | undefined;

  beforeAll(async () => {
    gw = await startTestGateway({ SYNC_SWEEP_INTERVAL_MINUTES: '59', LOG_LEVEL: 'debug' }, { onQuery: (sql) => recording?.push(sql) });
  });

  afterAll(async () => {
    await gw?.close();
  });

  /** A user with `items` Items of `accounts` accounts of `transactions` transactions each, written directly. */
  const seedUser = (items: number, accounts: number, transactions: number) =>
    seedSealedDashboardUser(gw, 'planned', { items, accountsPerItem: accounts, transactionsPerAccount: transactions });

  /** One recurring stream per account of the user, naming three of its transactions, as a refresh stores them. */
  const seedStreams = (userId: string) =>
    gw.gateway.dataSource.query(
      `INSERT INTO recurring_streams (user_id, item_id, account_id, plaid_stream_id, direction, description, frequency, status,
         is_active, average_amount, last_amount, iso_currency_code, first_date, last_date, plaid_transaction_ids)
       SELECT a.user_id, a.item_id, a.id, 'stream-' || a.id, 'OUTFLOW', 'Rent', 'MONTHLY', 'MATURE', true, 12.30, 12.3, 'USD',
              current_date - 90, current_date,
              ARRAY(SELECT t.plaid_transaction_id FROM transactions t WHERE t.account_id = a.id ORDER BY t.date DESC, t.id LIMIT 3)
         FROM accounts a WHERE a.user_id = $1`,
      [userId],
    );

  async function statementsOf(userId: string, query: string, variables?: Record<string, unknown>): Promise<string[]> {
    const token = await gw.tokenFor(userId);
    recording = [];
    const response = await gw.graphql(query, { token, variables });
    const statements = recording;
    recording = undefined;
    expect(response.errors).toBeUndefined();
    return statements;
  }

  const readPaths = async () => {
    const metric = await gw.gateway.metrics.registry.getSingleMetric('gateway_graphql_read_path_total')?.get();
    return Object.fromEntries((metric?.values ?? []).map((value) => [value.labels.path, value.value]));
  };

  it.each([
    [
      'transactions',
      '{ transactions(first: 20, filter: { search: "purchase" }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id amount date name account { name } } } } }',
    ],
    [
      'items',
      '{ items { id institutionName accounts { name balance { current available } transactions(first: 20) { totalCount edges { node { id amount } } } } transactions(first: 5) { edges { node { id } } } } }',
    ],
    [
      'recurringStreams',
      '{ recurringStreams { id direction averageAmount { amount currencyCode } lastDate account { name } transactions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id amount } } } } }',
    ],
    [
      'the dashboard',
      '{ me { items { accounts { balance { current } transactions(first: 20) { edges { node { id } } } } } } balances { accountId current } }',
    ],
  ])('answers %s with one statement for 1 Item and for 10 Items x 5 accounts', async (_, query) => {
    for (const userId of [await seedUser(1, 2, 30), await seedUser(10, 5, 30)]) {
      await seedStreams(userId);
      const statements = await statementsOf(userId, query);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/AS data FROM \(SELECT \$1::text\) AS caller\(user_id\)/);
    }
  });

  it('answers transactionChanges with one statement per page, walking and then reading the change log', async () => {
    const userId = await seedUser(2, 2, 30);
    const token = await gw.tokenFor(userId);
    const query = `query($cursor: String, $count: Int, $itemId: ID) {
      transactionChanges(cursor: $cursor, count: $count, itemId: $itemId) {
        added { id amount account { name } } modified { id } removed { id plaidTransactionId } nextCursor hasMore } }`;
    // The first read makes the user's stream (a write): the resolvers answer it.
    await gw.graphql(query, { token });
    const [itemId] = (await gw.gateway.dataSource.query<Array<{ id: string }>>('SELECT id FROM items WHERE user_id = $1', [userId])).map(
      (row) => row.id,
    );
    for (const scope of [{}, { itemId }]) {
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const variables = { ...scope, cursor, count: 25 };
        const statements = await statementsOf(userId, query, variables);
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatch(/AS data FROM \(SELECT \$1::text\) AS caller\(user_id\)/);
        const page = (await gw.graphql<{ transactionChanges: { nextCursor: string; hasMore: boolean } }>(query, { token, variables })).data!
          .transactionChanges;
        pages += 1;
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      // 120 or 60 transactions by 25: the walk resumed from its cursors.
      expect(pages).toBeGreaterThan(2);
      // After the walk, a cursor into the change log.
      expect(await statementsOf(userId, query, { ...scope, cursor })).toHaveLength(1);
    }
  });

  it('counts and logs which path answered', async () => {
    const userId = await seedUser(1, 1, 3);
    const before = await readPaths();
    await statementsOf(userId, '{ items { id } }');
    // A user without a stream yet: the statement leaves transactionChanges to the resolvers, which make it.
    await statementsOf(userId, '{ transactionChanges { hasMore } }');
    const after = await readPaths();
    expect((after.planner ?? 0) - (before.planner ?? 0)).toBe(1);
    expect((after.resolvers ?? 0) - (before.resolvers ?? 0)).toBe(1);
    const lines = gw.logs.filter((line) => line.msg === 'read path');
    expect(lines.some((line) => line.readPath === 'planner')).toBe(true);
    expect(lines.some((line) => line.readPath === 'resolvers' && line.reason === 'the statement left it to the resolvers')).toBe(true);
  });

  it('answers each values of the Boolean variables by its own plan, past the plans kept', async () => {
    const userId = await seedUser(1, 1, 3);
    const variables = ['a', 'b', 'c', 'd'];
    const query = `query(${variables.map((name) => `$${name}: Boolean!`).join(', ')}) { items { ${variables.map((name) => `${name}: id @include(if: $${name})`).join(' ')} } }`;
    // 16 shapes of four Booleans, each answered rightly whatever was evicted before.
    for (let shape = 0; shape < 16; shape += 1) {
      const values = Object.fromEntries(variables.map((name, bit) => [name, ((shape >> bit) & 1) === 1]));
      const token = await gw.tokenFor(userId);
      const response = await gw.graphql<{ items: Array<Record<string, string>> }>(query, { token, variables: values });
      expect(Object.keys(response.data!.items[0])).toEqual(variables.filter((name) => values[name]));
    }
  });
});
