import { Client } from 'pg';
import { eventually, linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, type GraphQLResponse, type TestGateway } from '../../support/test-gateway';

/**
 * Issue 21, item 11: every write of an Item's accounts takes the Item's lock, as the README
 * promises, so it is ordered against a sync's write and a removal's cascade. The test holds the
 * lock itself and watches the gateway's write wait for it in pg_locks.
 */
describe("writes of an Item's accounts outside a sync", () => {
  let gw: TestGateway;
  let holder: Client;

  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: '' });
    holder = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await holder.connect();
  });

  afterAll(async () => {
    await holder?.end();
    await gw?.close();
  });

  /** Backends waiting for the Item's advisory lock (the key is a 32-bit hash: pg_locks shows it as objid). */
  const waitersFor = async (itemId: string) => {
    const [{ waiting }] = await gw.gateway.dataSource.query<Array<{ waiting: number }>>(
      `SELECT count(*)::int AS waiting FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND objid = (hashtext($1)::bigint & 4294967295)::oid`,
      [`item:${itemId}`],
    );
    return waiting;
  };

  it.each([
    ['completeRelink', 'mutation($id: ID!) { completeRelink(itemId: $id) { id status } }'],
    ['balances(realtime: true)', 'query($id: ID!) { item(id: $id) { id } balances(realtime: true) { accountId current } }'],
  ])('%s waits for the Item lock before it writes the accounts', async (_name, document) => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);

    await holder.query('BEGIN');
    let answer: Promise<GraphQLResponse>;
    let answered = false;
    try {
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`item:${item.id}`]);
      answer = gw.graphql(document, { token, variables: { id: item.id } }).finally(() => (answered = true));
      await eventually(async () => ((await waitersFor(item.id)) > 0 ? true : undefined), 15_000, 'a write to wait for the Item lock');
      // The waiter is this operation's own write (a relink also queues a sync, which would wait too, but only after the answer).
      expect(answered).toBe(false);
    } finally {
      await holder.query('COMMIT');
    }
    const { errors } = await answer;
    expect(errors).toBeUndefined();
  });
});
