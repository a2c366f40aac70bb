import { seedDashboardUser } from '../../support/dashboard-seed';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/** GRAPHQL_MAX_PAGE_SIZE is the one limit on `first`: the guard and the service read the same value. */
describe('item 11: GRAPHQL_MAX_PAGE_SIZE above the default', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ GRAPHQL_MAX_PAGE_SIZE: '600', GRAPHQL_MAX_COST: '1000000' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('serves a page of the configured size, and refuses one over it', async () => {
    const userId = newUserId();
    await seedDashboardUser(gw.gateway.dataSource, userId, { items: 1, accountsPerItem: 1, transactionsPerAccount: 700 });
    const token = await gw.tokenFor(userId);
    const query = 'query($n: Int) { transactions(first: $n) { edges { cursor } pageInfo { hasNextPage } } }';

    const full = await gw.graphql<{ transactions: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(query, {
      token,
      variables: { n: 600 },
    });
    expect(full.errors).toBeUndefined();
    expect(full.data?.transactions.edges).toHaveLength(600);
    expect(full.data?.transactions.pageInfo.hasNextPage).toBe(true);

    const over = await gw.graphql(query, { token, variables: { n: 601 } });
    expect(over.errors).toEqual([
      expect.objectContaining({
        message: '"first" on transactions may be at most 600 (got 601)',
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      }),
    ]);
  });
});
