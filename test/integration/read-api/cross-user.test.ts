import { randomUUID } from 'node:crypto';
import { eventually, linkItem, type LinkedItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/** User B asks for each of user A's ids, in every query: the answer is the one an id that names nothing gets. */
describe("the read API never shows one user another user's data", () => {
  let gw: TestGateway;
  let tokenB: string;
  let itemA: LinkedItem;
  let itemB: LinkedItem;
  const ids = { item: '', account: '', transaction: '' };
  const plaidCalls: string[] = [];

  const cursorOf = async (itemId: string) =>
    (
      await gw.gateway.dataSource.query<Array<{ transactions_cursor: string | null }>>(
        'SELECT transactions_cursor FROM items WHERE id = $1',
        [itemId],
      )
    )[0]?.transactions_cursor;

  beforeAll(async () => {
    // One query asks for everything B can see; the static cost limit is the edge's concern, tested elsewhere.
    // Its own job queue: queued jobs of other test files' gateways would hold up the first syncs.
    gw = await startTestGateway({ GRAPHQL_MAX_COST: '1000000' }, { onPlaidCall: ({ endpoint }) => plaidCalls.push(endpoint) });
    itemA = await linkItem(gw, await gw.tokenFor(newUserId('a')), { username: 'user_transactions_dynamic' });
    tokenB = await gw.tokenFor(newUserId('b'));
    itemB = await linkItem(gw, tokenB, { username: 'user_transactions_dynamic' });
    await eventually(async () => ((await cursorOf(itemA.id)) && (await cursorOf(itemB.id)) ? true : undefined), 20_000, 'the first syncs');
    const [row] = await gw.gateway.dataSource.query<Array<{ id: string; account_id: string }>>(
      'SELECT id, account_id FROM transactions WHERE item_id = $1 LIMIT 1',
      [itemA.id],
    );
    Object.assign(ids, { item: itemA.id, account: row.account_id, transaction: row.id });
  });

  afterAll(async () => {
    await gw.close();
  });

  /** B's answer for `id`, with the id itself blanked out of error messages and extensions. */
  async function askAsB(query: string, variables: (id: string) => Record<string, unknown>, id: string) {
    const response = await gw.graphql(query, { token: tokenB, variables: variables(id) });
    return JSON.parse(
      JSON.stringify({ status: response.status, data: response.data, errors: response.errors }).split(id).join('<id>'),
    ) as Record<string, unknown>;
  }

  const CASES: Array<[string, keyof typeof ids, string, (id: string) => Record<string, unknown>, Record<string, unknown>]> = [
    ['item(id)', 'item', 'query($id: ID!) { item(id: $id) { id accounts { id } } }', (id) => ({ id }), { data: { item: null } }],
    [
      'account(id)',
      'account',
      'query($id: ID!) { account(id: $id) { id balance { current } } }',
      (id) => ({ id }),
      { data: { account: null } },
    ],
    [
      'transaction(id)',
      'transaction',
      'query($id: ID!) { transaction(id: $id) { id amount } }',
      (id) => ({ id }),
      { data: { transaction: null } },
    ],
    ['accounts(itemId)', 'item', 'query($id: ID) { accounts(itemId: $id) { id } }', (id) => ({ id }), { data: { accounts: [] } }],
    [
      'transactions(filter: { itemId })',
      'item',
      'query($id: ID) { transactions(filter: { itemId: $id }) { totalCount edges { node { id } } } }',
      (id) => ({ id }),
      { data: { transactions: { totalCount: 0, edges: [] } } },
    ],
    [
      'transactions(filter: { accountIds })',
      'account',
      'query($id: ID!) { transactions(filter: { accountIds: [$id] }) { totalCount edges { node { id } } } }',
      (id) => ({ id }),
      { data: { transactions: { totalCount: 0, edges: [] } } },
    ],
    [
      'balances(accountIds)',
      'account',
      'query($id: ID!) { balances(accountIds: [$id]) { accountId current } }',
      (id) => ({ id }),
      { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND', id: '<id>' } })] },
    ],
    [
      'balances(accountIds, realtime)',
      'account',
      'query($id: ID!) { balances(accountIds: [$id], realtime: true) { accountId current } }',
      (id) => ({ id }),
      { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND', id: '<id>' } })] },
    ],
  ];

  it.each(CASES)("%s answers for A's id exactly as for an unknown id", async (_name, kind, query, variables, expected) => {
    plaidCalls.length = 0;
    const foreign = await askAsB(query, variables, ids[kind]);
    const unknown = await askAsB(query, variables, randomUUID());
    expect(foreign).toEqual(unknown);
    expect(foreign).toMatchObject(expected);
    expect(JSON.stringify(foreign)).not.toContain('FORBIDDEN');
    expect(plaidCalls).not.toContain('accountsBalanceGet');
  });

  it("lists and nests only B's own rows", async () => {
    const response = await gw.graphql<{
      me: { items: Array<{ id: string }> };
      items: Array<{
        id: string;
        accounts: Array<{ item: { id: string } }>;
        transactions: { edges: Array<{ node: { account: { item: { id: string } } } }> };
      }>;
      accounts: Array<{ item: { id: string } }>;
      transactions: { totalCount: number; edges: Array<{ node: { account: { item: { id: string } } } }> };
      balances: Array<{ accountId: string }>;
    }>(
      `{ me { items { id } }
         items { id accounts { item { id } } transactions(first: 500) { edges { node { account { item { id } } } } } }
         accounts { item { id } }
         transactions(first: 500) { totalCount edges { node { account { item { id } } } } }
         balances { accountId } }`,
      { token: tokenB },
    );
    expect(response.errors).toBeUndefined();
    const data = response.data!;
    expect(data.me.items).toEqual([{ id: itemB.id }]);
    expect(data.items.map((item) => item.id)).toEqual([itemB.id]);
    const itemIds = new Set([
      ...data.items.flatMap((item) => item.accounts.map((account) => account.item.id)),
      ...data.items.flatMap((item) => item.transactions.edges.map((edge) => edge.node.account.item.id)),
      ...data.accounts.map((account) => account.item.id),
      ...data.transactions.edges.map((edge) => edge.node.account.item.id),
    ]);
    expect([...itemIds]).toEqual([itemB.id]);
    const [{ count }] = await gw.gateway.dataSource.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM transactions WHERE item_id = $1',
      [itemB.id],
    );
    expect(data.transactions.totalCount).toBe(count);
    const accountsOfB = (
      await gw.gateway.dataSource.query<Array<{ id: string }>>('SELECT id FROM accounts WHERE item_id = $1', [itemB.id])
    ).map((row) => row.id);
    expect(data.balances.map((balance) => balance.accountId).sort()).toEqual(accountsOfB.sort());
  });
});
