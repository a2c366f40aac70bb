import { spawnGatewayBeside, type GatewayBeside } from '../../support/gateway-process';
import { daysAgo } from '../../support/dates';
import { eventually, linkItem, settled } from '../../support/linking';
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
    // A sync is announced only when it brings something: this Item's bank takes new transactions.
    const item = await linkItem(a, token, { username: 'user_transactions_dynamic' });
    await eventually(async () =>
      (await a.gateway.dataSource.query('SELECT last_synced_at FROM items WHERE id = $1', [item.id]))[0].last_synced_at ? true : undefined,
    );
    // The link's own webhooks bring syncs of their own (the history completing is announced too).
    await settled(a, [item.id]);

    const onB = await subscribe(
      `${bUrl.replace('http', 'ws')}/graphql`,
      token,
      'subscription($id: ID) { transactionsSynced(itemId: $id) { item { id } added } }',
      { id: item.id },
    );
    try {
      // The sync that brings it (syncItem's or the webhook's) commits on A; B hears of it from PostgreSQL.
      const created = await a.graphql(
        `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 7, description: "Seen on B", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
        { token, variables: { id: item.id } },
      );
      expect(created.errors).toBeUndefined();
      const synced = await a.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } });
      expect(synced.errors).toBeUndefined();
      expect((await onB.next(10_000)).data).toEqual({ transactionsSynced: { item: { id: item.id }, added: 1 } });
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
