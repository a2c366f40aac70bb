import { daysAgo } from '../../support/dates';
import { spawnGatewayBeside, type GatewayBeside } from '../../support/gateway-process';
import { accessTokenOf, callPlaid, eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { RedisServerChild, redisServerBinary } from '../../support/redis-server';
import { subscribe, type OpenSubscription, type ReceivedResult } from '../../support/subscription-client';
import { graphqlAt, newUserId, startTestGateway, type GraphQLCall, type TestGateway } from '../../support/test-gateway';

/** The issue asks for 30 s; FAULT_REDIS_OUTAGE_SECONDS shortens it while working on this file. */
const OUTAGE_MS = Number(process.env.FAULT_REDIS_OUTAGE_SECONDS ?? 30) * 1000;
const SYNCED = 'subscription { transactionsSynced { item { id } added } }';

interface Instance extends GatewayBeside {
  graphql: GraphQLCall;
}

if (!redisServerBinary) console.log('Redis fault rows skipped: no redis-server binary on this machine');

/**
 * The Redis row: two gateway processes on one Redis, which is SIGKILLed for 30 s under
 * traffic. Neither process may die; each keeps serving HTTP and delivering its own events to
 * its own subscribers; a third starts while Redis is down; and once Redis is back, events
 * cross instances again within 5 s without anyone reconnecting.
 */
(redisServerBinary ? describe : describe.skip)('Redis killed under traffic', () => {
  let plaid: TestGateway;
  let redis: RedisServerChild;
  const instances: Instance[] = [];
  const subscriptions: OpenSubscription[] = [];

  const startInstance = async (): Promise<Instance> => {
    const spawned = await spawnGatewayBeside(plaid, {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: redis.url,
      RATE_LIMIT_OPERATIONS: '100000',
    });
    const instance = { ...spawned, graphql: graphqlAt(spawned.url) };
    instances.push(instance);
    return instance;
  };

  beforeAll(async () => {
    // This gateway plays Plaid (its emulator) and reads the database; it uses no Redis.
    plaid = await startTestGateway({ REDIS_URL: '' });
    redis = await RedisServerChild.start(redisServerBinary!);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.close().catch(() => undefined)));
    for (const instance of instances) await instance.close();
    await redis?.kill();
    await plaid?.close();
  });

  const alive = () => instances.every((instance) => instance.process.child.exitCode === null && instance.process.child.signalCode === null);
  /**
   * New activity at the bank, asked for through `on`: Plaid's webhook makes the gateway sync it
   * (a sync is announced only when it brings something). One sync per round: a syncItem beside
   * the webhook's would double the Item's /transactions/sync calls past Plaid's 50 a minute.
   */
  const sync = async (on: Instance, token: string, item: LinkedItem) => {
    const created = await on.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 8, description: "Outage coffee", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      { token, variables: { id: item.id } },
    );
    expect(created.errors).toBeUndefined();
  };
  const open = async (on: Instance, token: string) => {
    const subscription = await subscribe(`${on.url.replace('http', 'ws')}/graphql`, token, SYNCED);
    subscriptions.push(subscription);
    return subscription;
  };
  /** Polls the subscription's buffer, so a wait that times out leaves no listener behind to swallow a later event. */
  const arrives = async (subscription: OpenSubscription, itemId: string, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (
        subscription
          .pending()
          .some((result: ReceivedResult) => (result.data?.transactionsSynced as { item: { id: string } } | undefined)?.item.id === itemId)
      )
        return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };

  it('keeps both instances serving and their events crossing instances (they come from PostgreSQL), starts a third degraded, and reconnects within 5 s of Redis coming back', async () => {
    const [a, b] = [await startInstance(), await startInstance()];
    const token = await plaid.tokenFor(newUserId());
    const item = await linkItem(a, token, { username: 'user_transactions_dynamic' });
    const lateToken = await plaid.tokenFor(newUserId());
    const lateItem = await linkItem(a, lateToken, { username: 'user_transactions_dynamic' });
    await settled(plaid, [item.id, lateItem.id]);
    const [onA, onB] = [await open(a, token), await open(b, token)];

    await sync(a, token, item);
    expect(await arrives(onB, item.id, 5_000)).toBe(true);
    // A's own copy is taken too, so nothing from before the outage is counted during it.
    expect(await arrives(onA, item.id, 5_000)).toBe(true);

    await redis.kill();
    const outageStarted = Date.now();
    const failures: string[] = [];
    let requests = 0;
    let trafficOn = true;
    const serving = [a, b];
    const traffic = (async () => {
      while (trafficOn) {
        for (const instance of serving) {
          const response = await instance
            .graphql('{ me { id } items { id status } }', { token })
            .catch((error: Error) => ({ errors: [{ message: error.message }] }));
          requests += 1;
          if (response.errors) failures.push(JSON.stringify(response.errors));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    // Events reach every instance's subscribers while Redis is down: each instance's relay hears them from PostgreSQL.
    let localRounds = 0;
    await sync(a, token, item);
    expect(await arrives(onA, item.id, 5_000)).toBe(true);
    expect(await arrives(onB, item.id, 5_000)).toBe(true);
    await sync(b, token, item);
    expect(await arrives(onB, item.id, 5_000)).toBe(true);
    localRounds += 1;

    // Starting while Redis is down: degraded, not dead.
    const c = await startInstance();
    serving.push(c);
    const readiness = (await (await fetch(`${c.url}/readyz`)).json()) as { dependencies: Record<string, string> };
    expect(readiness.dependencies).toMatchObject({ database: 'up', redis: 'down' });
    // A subscription opened while Redis is down hears events raised on another instance.
    const lateOnB = await open(b, lateToken);

    while (Date.now() - outageStarted < OUTAGE_MS - 3_000) {
      await sync(b, token, item);
      expect(await arrives(onB, item.id, 5_000)).toBe(true);
      localRounds += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    expect(alive()).toBe(true);

    await redis.restart();
    const back = Date.now();
    onB.pending();
    let crossed = false;
    while (!crossed && Date.now() - back < 5_000) {
      await sync(a, token, item);
      crossed = await arrives(onB, item.id, 400);
    }
    const resumedAfterMs = Date.now() - back;
    trafficOn = false;
    await traffic;
    console.log(
      `Redis outage ${(OUTAGE_MS / 1000).toFixed(0)} s: ${instances.length} instances alive=${alive()}, ${requests} requests during it with ${failures.length} errors, ` +
        `${localRounds} rounds of events delivered, an event crossed instances ${resumedAfterMs} ms after Redis returned`,
    );
    expect(crossed).toBe(true);
    expect(failures).toEqual([]);
    expect(alive()).toBe(true);

    await sync(a, lateToken, lateItem);
    expect(await arrives(lateOnB, lateItem.id, 5_000)).toBe(true);
    // The instance that started without Redis connects by itself too (its reconnect back-off is at most 2 s).
    const redisOnC = async () =>
      ((await (await fetch(`${c.url}/readyz`)).json()) as { dependencies: Record<string, string> }).dependencies.redis;
    await eventually(async () => ((await redisOnC()) === 'up' ? true : undefined), 5_000, 'the third instance to reach Redis');

    // The data afterwards is Plaid's, once the syncs the last rounds' webhooks asked for have run.
    await settled(plaid, [item.id, lateItem.id]);
    const fromPlaid = await callPlaid<{ added: Array<{ transaction_id: string }>; has_more: boolean }>(plaid, '/transactions/sync', {
      access_token: await accessTokenOf(plaid, item.id),
      count: 500,
    });
    expect(fromPlaid.body.has_more).toBe(false);
    const stored: Array<{ plaid_transaction_id: string }> = await plaid.gateway.dataSource.query(
      'SELECT plaid_transaction_id FROM transactions WHERE item_id = $1',
      [item.id],
    );
    expect(stored.map((row) => row.plaid_transaction_id).sort()).toEqual(fromPlaid.body.added.map((t) => t.transaction_id).sort());
  }, 240_000);
});
