import { spawnGatewayBeside, type GatewayBeside } from '../../support/gateway-process';
import { callPlaid, accessTokenOf, linkItem, settled } from '../../support/linking';
import { percentiles } from '../../support/percentiles';
import { graphqlAt, newUserId, startTestGateway, type GraphQLCall, type TestGateway } from '../../support/test-gateway';

const CONCURRENT_SYNCS = 50;

/**
 * The row "12 concurrent syncItem on one Item": waiting for an Item's lock must not hold a
 * pooled connection, so one user's burst of syncs cannot starve everyone else. The gateway
 * measured is a process of its own (the test's clients do not share its event loop); the
 * in-process one plays Plaid and runs queued syncs of the same Item, as a second instance would.
 */
describe('many syncs of one Item at once', () => {
  let gw: TestGateway;
  let served: GatewayBeside;
  let graphql: GraphQLCall;

  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: '' });
    served = await spawnGatewayBeside(gw, { DATABASE_URL: process.env.TEST_DATABASE_URL!, RATE_LIMIT_OPERATIONS: '10000' });
    graphql = graphqlAt(served.url);
  }, 150_000);

  afterAll(async () => {
    await served?.close();
    await gw?.close();
  });

  it('serves another user quickly while 50 syncItem and 10 queued syncs wait for one Item, and every sync ends committed or typed', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem({ graphql }, token);
    await settled(gw, [item.id]);
    const other = await gw.tokenFor(newUserId());
    const otherLatencies: number[] = [];
    const otherErrors: unknown[] = [];
    let done = false;
    const otherUser = async (latencies: number[], until: () => boolean) => {
      while (!until()) {
        const started = performance.now();
        const response = await graphql('{ me { id } items { id } transactions(first: 5) { edges { node { id } } } }', { token: other });
        latencies.push(performance.now() - started);
        if (response.errors) otherErrors.push(response.errors);
      }
    };
    // The same user's latency with no syncs at all, on this machine, in this run: the baseline.
    const baseline: number[] = [];
    const baselineEnds = performance.now() + 2_000;
    await otherUser(baseline, () => performance.now() > baselineEnds);
    // Each sync holds the Item's lock for a while, so the waiters really queue up.
    const slow = await gw.emulator.addLatency({ endpoint: '/transactions/sync', ms: 300 });
    try {
      const othersLoop = otherUser(otherLatencies, () => done);
      const [syncs, queued] = await Promise.all([
        Promise.all(
          Array.from({ length: CONCURRENT_SYNCS }, () =>
            graphql<{ syncItem: { item: { id: string; lastSyncedAt: string } } }>(
              'mutation($id: ID!) { syncItem(itemId: $id) { item { id lastSyncedAt } added } }',
              { token, variables: { id: item.id } },
            ),
          ),
        ),
        // The job queue's path (no joining), on another instance: each waits for the lock without a connection.
        Promise.allSettled(Array.from({ length: 10 }, () => gw.gateway.services.sync.sync(item.id, 'contention-test'))),
      ]);
      done = true;
      await othersLoop;

      const codes = syncs.flatMap((response) => response.errors?.map((error) => error.extensions?.code) ?? []);
      expect(codes.filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
      for (const response of syncs.filter((r) => !r.errors)) expect(response.data!.syncItem.item.id).toBe(item.id);
      for (const result of queued) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      }
      expect(otherErrors).toEqual([]);
      console.log(
        `lock contention: ${CONCURRENT_SYNCS} syncItem (${syncs.filter((r) => !r.errors).length} committed, ${codes.length} typed errors) + 10 queued syncs ` +
          `(${queued.filter((r) => r.status === 'fulfilled').length} committed); another user's queries meanwhile: ${percentiles(otherLatencies)}; ` +
          `the same queries with no syncs (baseline): ${percentiles(baseline)}`,
      );
    } finally {
      done = true;
      await gw.emulator.removeFault(slow);
    }

    // Afterwards the Item holds exactly Plaid's transactions.
    const plaid = await callPlaid<{ added: Array<{ transaction_id: string }>; has_more: boolean }>(gw, '/transactions/sync', {
      access_token: await accessTokenOf(gw, item.id),
      count: 500,
    });
    expect(plaid.body.has_more).toBe(false);
    const stored: Array<{ plaid_transaction_id: string }> = await gw.gateway.dataSource.query(
      'SELECT plaid_transaction_id FROM transactions WHERE item_id = $1',
      [item.id],
    );
    expect(stored.map((row) => row.plaid_transaction_id).sort()).toEqual(plaid.body.added.map((t) => t.transaction_id).sort());
  });
});
