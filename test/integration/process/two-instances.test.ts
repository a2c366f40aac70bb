import { spawnGatewayBeside, type GatewayBeside } from '../../support/gateway-process';
import { eventually, linkItem } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const redisUrl = process.env.REDIS_URL;

// Fan-out across instances needs Redis; `npm test` on a bare machine has none (CI sets REDIS_URL).
(redisUrl ? describe : describe.skip)('two gateway processes sharing PostgreSQL and Redis', () => {
  let a: TestGateway;
  let b: GatewayBeside;
  let bUrl: string;

  beforeAll(async () => {
    a = await startTestGateway();
    b = await spawnGatewayBeside(a, { DATABASE_URL: process.env.TEST_DATABASE_URL!, REDIS_URL: redisUrl! });
    bUrl = b.url;
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('delivers an event raised on one instance to a subscriber connected to the other', async () => {
    const userId = newUserId();
    const token = await a.tokenFor(userId);
    const item = await linkItem(a, token);
    await eventually(async () =>
      (await a.gateway.dataSource.query('SELECT last_synced_at FROM items WHERE id = $1', [item.id]))[0].last_synced_at ? true : undefined,
    );

    const onB = await subscribe(
      `${bUrl.replace('http', 'ws')}/graphql`,
      token,
      'subscription($id: ID) { transactionsSynced(itemId: $id) { item { id } added } }',
      { id: item.id },
    );
    try {
      // syncItem publishes from the instance that ran it: A.
      const synced = await a.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } });
      expect(synced.errors).toBeUndefined();
      expect((await onB.next(10_000)).data).toEqual({ transactionsSynced: { item: { id: item.id }, added: 0 } });
    } finally {
      await onB.close();
    }
  });

  it('lets either instance act on a webhook received by one of them, and every subscriber hear of it', async () => {
    const token = await a.tokenFor(newUserId());
    const item = await linkItem(a, token);
    const onB = await subscribe(
      `${bUrl.replace('http', 'ws')}/graphql`,
      token,
      'subscription($id: ID) { itemStatusChanged(itemId: $id) { status reason } }',
      { id: item.id },
    );
    const onA = await subscribe(a.wsUrl, token, 'subscription($id: ID) { itemStatusChanged(itemId: $id) { status reason } }', {
      id: item.id,
    });
    try {
      await a.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } });
      const expected = { itemStatusChanged: { status: 'LOGIN_REQUIRED', reason: 'ITEM_LOGIN_REQUIRED' } };
      expect((await onB.next(10_000)).data).toEqual(expected);
      expect((await onA.next(10_000)).data).toEqual(expected);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });
});
