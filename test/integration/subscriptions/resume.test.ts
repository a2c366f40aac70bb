import { randomUUID } from 'node:crypto';
import { ItemEvent } from '../../../src/entities/item-state-machine';
import { daysAgo } from '../../support/dates';
import { eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { subscribe, subscribeSse, type OpenSubscription, type ReceivedResult } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const STATUS =
  'subscription($id: ID, $after: String) { itemStatusChanged(itemId: $id, after: $after) { item { id } status reason cursor } }';
const SYNCED = 'subscription($id: ID, $after: String) { transactionsSynced(itemId: $id, after: $after) { item { id } added cursor } }';

type Open = (gw: TestGateway, token: string, query: string, variables: Record<string, unknown>) => Promise<OpenSubscription>;

const overWebSocket: Open = (gw, token, query, variables) => subscribe(gw.wsUrl, token, query, variables);

const overSse: Open = (gw, token, query, variables) => subscribeSse(`${gw.url}/graphql/stream`, token, query, variables);

const transports: Array<[string, Open]> = [
  ['WebSocket', overWebSocket],
  ['Server-Sent Events', overSse],
];

const statusOf = (result: ReceivedResult) =>
  result.data?.itemStatusChanged as { item: { id: string }; status: string; reason: string; cursor: string };
const syncedOf = (result: ReceivedResult) => result.data?.transactionsSynced as { item: { id: string }; added: number; cursor: string };
const sequenceOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split('.')[1]);

/** Takes `count` results, then makes sure nothing else arrives for a moment. */
async function exactly(subscription: OpenSubscription, count: number): Promise<ReceivedResult[]> {
  const results: ReceivedResult[] = [];
  while (results.length < count) results.push(await subscription.next());
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(subscription.pending()).toEqual([]);
  return results;
}

describe.each(transports)('resumable subscriptions over %s', (_transport, open) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const fire = (token: string, itemId: string, code: string) =>
    gw.graphql('mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }', {
      token,
      variables: { id: itemId, code },
    });
  const statusNow = async (itemId: string) =>
    (await gw.gateway.dataSource.query<Array<{ status: string }>>('SELECT status FROM items WHERE id = $1', [itemId]))[0].status;
  /** Fires a status webhook and waits until the gateway has applied it (neither stops the Item from syncing). */
  const fireAndApply = async (token: string, itemId: string, code: 'PENDING_EXPIRATION' | 'LOGIN_REPAIRED') => {
    await fire(token, itemId, code);
    const wanted = code === 'PENDING_EXPIRATION' ? 'PENDING_EXPIRATION' : 'ACTIVE';
    await eventually(async () => ((await statusNow(itemId)) === wanted ? true : undefined), 10_000, `status ${wanted}`);
  };
  /** A transaction appears at the bank and its sync commits (a sync that brings nothing writes no event). */
  const bringTransaction = async (token: string, itemId: string, description: string) => {
    const answer = await gw.graphql(
      `mutation($id: ID!, $d: String!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 5, description: $d, datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      { token, variables: { id: itemId, d: description } },
    );
    expect(answer.errors).toBeUndefined();
    await settled(gw, [itemId]);
  };

  /** A linked, settled Item and the cursor of one status event its owner saw live before going away. */
  async function seenOnce(): Promise<{ token: string; userId: string; item: LinkedItem; cursor: string }> {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await settled(gw, [item.id]);
    const live = await open(gw, token, STATUS, { id: item.id });
    try {
      await fireAndApply(token, item.id, 'PENDING_EXPIRATION');
      return { token, userId, item, cursor: statusOf(await live.next()).cursor };
    } finally {
      await live.close();
    }
  }

  it('replays exactly the missed status and sync events, in order, then live ones', async () => {
    const { token, item, cursor } = await seenOnce();
    // Away: three status changes and two syncs that brought transactions.
    await fireAndApply(token, item.id, 'LOGIN_REPAIRED');
    await fireAndApply(token, item.id, 'PENDING_EXPIRATION');
    await fireAndApply(token, item.id, 'LOGIN_REPAIRED');
    await bringTransaction(token, item.id, 'Missed coffee');
    await bringTransaction(token, item.id, 'Missed lunch');

    const statuses = await open(gw, token, STATUS, { id: item.id, after: cursor });
    const syncs = await open(gw, token, SYNCED, { after: cursor });
    try {
      const missedStatuses = (await exactly(statuses, 3)).map(statusOf);
      expect(missedStatuses.map((event) => event.status)).toEqual(['ACTIVE', 'PENDING_EXPIRATION', 'ACTIVE']);
      const missedSyncs = (await exactly(syncs, 2)).map(syncedOf);
      expect(missedSyncs.map((event) => event.item.id)).toEqual([item.id, item.id]);
      for (const events of [missedStatuses, missedSyncs]) {
        const sequences = events.map((event) => sequenceOf(event.cursor));
        expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
        expect(sequences[0]).toBeGreaterThan(sequenceOf(cursor));
      }

      await fireAndApply(token, item.id, 'PENDING_EXPIRATION');
      expect(statusOf(await statuses.next())).toMatchObject({ status: 'PENDING_EXPIRATION', item: { id: item.id } });
      await bringTransaction(token, item.id, 'Live dinner');
      expect(syncedOf(await syncs.next())).toMatchObject({ item: { id: item.id }, added: 1 });
    } finally {
      await statuses.close();
      await syncs.close();
    }
  });

  it('delivers events that commit while the replay runs exactly once', async () => {
    const { token, userId, item, cursor } = await seenOnce();
    const changes = 40;
    const produced = (async () => {
      for (let index = 0; index < changes; index += 1) {
        const event = index % 2 === 0 ? ItemEvent.LOGIN_REPAIRED : ItemEvent.PENDING_EXPIRATION;
        await gw.gateway.services.itemStatus.apply(item.id, { event, reason: `CHANGE_${index}`, occurredAt: new Date() });
      }
    })();
    await eventually(async () => ((await statusEventCount(userId)) >= 10 ? true : undefined), 10_000, 'the first changes');
    const resumed = await open(gw, token, STATUS, { after: cursor });
    try {
      await produced;
      const received = (await exactly(resumed, changes)).map(statusOf);
      expect(received.map((event) => event.reason)).toEqual(Array.from({ length: changes }, (_, index) => `CHANGE_${index}`));
    } finally {
      await resumed.close();
    }
  });

  it('brings each of many subscribers resuming at once, while events commit, every owed event exactly once, in order', async () => {
    // bench:fanout's resume, small: one user's subscribers all come back with the same cursor,
    // here spread over the changes, so that each meets the replay-to-live hand-over at its own point.
    const { token, userId, item, cursor } = await seenOnce();
    const changes = 60;
    const subscribers = 20;
    const before = await statusEventCount(userId);
    const produced = (async () => {
      for (let index = 0; index < changes; index += 1) {
        const event = index % 2 === 0 ? ItemEvent.LOGIN_REPAIRED : ItemEvent.PENDING_EXPIRATION;
        await gw.gateway.services.itemStatus.apply(item.id, { event, reason: `CHANGE_${index}`, occurredAt: new Date() });
      }
    })();
    const opened = await Promise.allSettled(
      Array.from({ length: subscribers }, async (_, index) => {
        const stored = before + Math.floor((index * changes) / subscribers);
        await eventually(async () => ((await statusEventCount(userId)) >= stored ? true : undefined), 10_000, `${stored} events`);
        return open(gw, token, STATUS, { after: cursor });
      }),
    );
    const resumed = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      await produced;
      expect(resumed).toHaveLength(subscribers);
      const reasons = Array.from({ length: changes }, (_, index) => `CHANGE_${index}`);
      for (const received of await Promise.all(resumed.map((subscription) => exactly(subscription, changes))))
        expect(received.map((result) => statusOf(result).reason)).toEqual(reasons);
    } finally {
      await Promise.all(resumed.map((subscription) => subscription.close()));
    }
  });

  const statusEventCount = async (userId: string) =>
    Number(
      (
        await gw.gateway.dataSource.query<Array<{ count: string }>>(
          `SELECT count(*) FROM stream_events WHERE user_id = $1 AND topic = 'ITEM_STATUS_CHANGED'`,
          [userId],
        )
      )[0].count,
    );

  it('refuses a cursor older than what retention kept with CURSOR_EXPIRED', async () => {
    const { token, userId, item, cursor } = await seenOnce();
    await fireAndApply(token, item.id, 'LOGIN_REPAIRED');
    await gw.gateway.dataSource.query(`UPDATE stream_events SET created_at = now() - interval '31 days' WHERE user_id = $1`, [userId]);
    await gw.gateway.services.retention.prune();
    const resumed = await open(gw, token, STATUS, { after: cursor });
    try {
      expect(await resumed.next()).toMatchObject({
        errors: [
          { message: '"after" is older than the events the gateway keeps; start over without it', extensions: { code: 'CURSOR_EXPIRED' } },
        ],
      });
    } finally {
      await resumed.close();
    }
  });

  it("reveals nothing through another user's cursor or Item", async () => {
    const owner = await seenOnce();
    const strangerToken = await gw.tokenFor(newUserId());
    const refusal = async (variables: Record<string, unknown>) => {
      const subscription = await open(gw, strangerToken, STATUS, variables);
      try {
        const { data, errors } = await subscription.next();
        return { data: data ?? null, errors: errors?.map(({ message, extensions }) => ({ message, code: extensions?.code })) };
      } finally {
        await subscription.close();
      }
    };
    const forged = Buffer.from(`${randomUUID()}.${sequenceOf(owner.cursor)}`, 'utf8').toString('base64url');
    expect(await refusal({ after: owner.cursor })).toEqual(await refusal({ after: forged }));
    expect(await refusal({ after: owner.cursor })).toEqual({
      data: null,
      errors: [{ message: '"after" is not a cursor this API returned', code: 'BAD_USER_INPUT' }],
    });
    // Exactly what an Item id that exists nowhere gets.
    const unknownId = randomUUID();
    expect(await refusal({ id: unknownId, after: owner.cursor })).toEqual({
      data: null,
      errors: [{ message: `Item ${unknownId} was not found`, code: 'NOT_FOUND' }],
    });
    expect(await refusal({ id: owner.item.id, after: owner.cursor })).toEqual({
      data: null,
      errors: [{ message: `Item ${owner.item.id} was not found`, code: 'NOT_FOUND' }],
    });
  });

  const redisUrl = process.env.REDIS_URL;
  (redisUrl ? describe : describe.skip)('with a second instance sharing PostgreSQL and Redis', () => {
    let other: TestGateway;

    beforeAll(async () => {
      other = await startTestGateway();
    });

    afterAll(async () => {
      await other?.close();
    });

    it('resumes on the other instance: the missed events, then live ones raised on the first', async () => {
      const { token, item, cursor } = await seenOnce();
      await fireAndApply(token, item.id, 'LOGIN_REPAIRED');
      await fireAndApply(token, item.id, 'PENDING_EXPIRATION');
      const resumed = await open(other, token, STATUS, { id: item.id, after: cursor });
      try {
        expect((await exactly(resumed, 2)).map((result) => statusOf(result).status)).toEqual(['ACTIVE', 'PENDING_EXPIRATION']);
        await fireAndApply(token, item.id, 'LOGIN_REPAIRED');
        expect(statusOf(await resumed.next())).toMatchObject({ status: 'ACTIVE', item: { id: item.id } });
      } finally {
        await resumed.close();
      }
    });
  });
});
