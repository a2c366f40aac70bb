import { seedSealedDashboardUser } from '../../support/sealed-dashboard-user';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const DASHBOARD = '{ items { accounts { balance { current } transactions(first: 20) { edges { node { id } } } } } }';

/**
 * items (1) + accounts of every Item (1, Item.accounts loader) + the first 20 transactions of
 * every account (1, transactionPages loader): the same for one Item as for twenty.
 */
const DASHBOARD_STATEMENTS = 3;

describe("the dashboard query's SQL", () => {
  let gw: TestGateway;
  let recording: string[] | undefined;

  beforeAll(async () => {
    // Job workers query through the same pool: a queue of its own keeps other test files' queued
    // jobs away, and the stale-sync sweep is kept from landing inside a measurement.
    // The resolvers' statements: the read planner (read-planner-statements.test.ts) answers in one.
    gw = await startTestGateway({ SYNC_SWEEP_INTERVAL_MINUTES: '59', READ_PLANNER: 'off' }, { onQuery: (sql) => recording?.push(sql) });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** A user with `items` Items of `accounts` accounts of `transactions` transactions each, written directly. */
  const seedUser = (items: number, accounts: number, transactions: number) =>
    seedSealedDashboardUser(gw, 'dashboard', { items, accountsPerItem: accounts, transactionsPerAccount: transactions });

  /** The SQL one operation issued, in order, and its answer. */
  async function recorded<T = Record<string, unknown>>(userId: string, query: string): Promise<{ statements: string[]; data: T }> {
    const token = await gw.tokenFor(userId);
    recording = [];
    const response = await gw.graphql<T>(query, { token });
    const statements = recording;
    recording = undefined;
    expect(response.errors).toBeUndefined();
    return { statements, data: response.data! };
  }

  async function statementsFor(userId: string): Promise<{ count: number; accounts: number; edges: number }> {
    const { statements, data } = await recorded<{ items: Array<{ accounts: Array<{ transactions: { edges: unknown[] } }> }> }>(
      userId,
      DASHBOARD,
    );
    const accounts = data.items.flatMap((item) => item.accounts);
    return {
      count: statements.length,
      accounts: accounts.length,
      edges: accounts.reduce((sum, account) => sum + account.transactions.edges.length, 0),
    };
  }

  it(`issues ${DASHBOARD_STATEMENTS} statements for 1 Item and for 20 Items x 5 accounts`, async () => {
    const small = await statementsFor(await seedUser(1, 5, 25));
    const large = await statementsFor(await seedUser(20, 5, 25));
    expect(small).toEqual({ count: DASHBOARD_STATEMENTS, accounts: 5, edges: 5 * 20 });
    expect(large).toEqual({ count: DASHBOARD_STATEMENTS, accounts: 100, edges: 100 * 20 });
  });

  it('counts transactions only when the operation selects totalCount', async () => {
    const userId = await seedUser(1, 2, 30);
    const counting = async (query: string) => (await recorded(userId, query)).statements.filter((sql) => /count\(\*\)/i.test(sql));
    expect(await counting(DASHBOARD)).toEqual([]);
    expect(await counting('{ transactions(first: 5) { edges { node { id } } } }')).toEqual([]);
    expect(await counting('{ items { transactions(first: 5) { edges { node { id } } } } }')).toEqual([]);

    expect(await counting('{ items { accounts { transactions(first: 5) { totalCount } } } }')).toHaveLength(1);
    expect(
      await counting('{ transactions(first: 5) { ...Counted } } fragment Counted on TransactionConnection { totalCount }'),
    ).toHaveLength(1);
  });

  it('reads only the transaction columns the operation selects, besides the keys', async () => {
    const userId = await seedUser(1, 2, 5);
    const pageOf = async (query: string) => (await recorded(userId, query)).statements.find((sql) => sql.includes('LATERAL'))!;
    const narrow = await pageOf('{ items { accounts { transactions(first: 5) { edges { node { amount } } } } } }');
    expect(narrow).toMatch(/t\.amount::text/);
    expect(narrow).not.toMatch(/logo_url|merchant_name|plaid_transaction_id/);
    const wide = await pageOf(
      '{ items { accounts { transactions(first: 5) { edges { node { ...Logo } } } } } } fragment Logo on Transaction { logoUrl merchantName }',
    );
    expect(wide).toMatch(/t\.logo_url/);
    expect(wide).toMatch(/t\.merchant_name/);
  });

  it('reads about 20 rows per account for 20-row pages of a user with 100,000 transactions, whatever the statistics say', async () => {
    const userId = await seedUser(10, 5, 2_000);
    const [page] = (await recorded(userId, DASHBOARD)).statements.filter((sql) => sql.includes('LATERAL'));
    const accounts: Array<{ id: string }> = await gw.gateway.dataSource.query('SELECT id FROM accounts WHERE user_id = $1', [userId]);
    // The statement exactly as the loader sent it: $1 the accounts, $2 the caller, $3 the page size + 1.
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await gw.gateway.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${page}`, [accounts.map((account) => account.id), userId, 21]);
    const rowsRead = transactionRowsRead(plan.Plan);
    expect(accounts).toHaveLength(50);
    expect(rowsRead).toBeGreaterThanOrEqual(50 * 20);
    expect(rowsRead).toBeLessThanOrEqual(50 * 25);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows every scan of the transactions table (or its indexes) produced or filtered out, over all its loops. */
function transactionRowsRead(node: PlanNode): number {
  const onTransactions = node['Relation Name'] === 'transactions' || node['Index Name']?.startsWith('IDX_transactions_') === true;
  const own = onTransactions ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + transactionRowsRead(child), 0);
}
