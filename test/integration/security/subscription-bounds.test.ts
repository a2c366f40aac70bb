import type { Client } from 'graphql-ws';
import { ItemEvent } from '../../../src/entities/item-state-machine';
import { EventStreamRepository } from '../../../src/repositories/event-stream.repository';
import { encodeStreamCursor } from '../../../src/services/stream-cursor';
import { daysAgo } from '../../support/dates';
import { eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { subscribeOn, subscribeSse, type OpenSubscription, type ReceivedResult } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs } from '../../support/ws-client';

const PER_CONNECTION = 5;
const PER_USER = 8;
const PAGE_SIZE = 10;
/** Tests that each take a user of their own with a settled Item. */
const USERS_NEEDED = 5;
const STATUS = 'subscription($id: ID, $after: String) { itemStatusChanged(itemId: $id, after: $after) { status reason cursor } }';

/** 'started', or the code the subscription was refused with. */
type Outcome = string;

/**
 * Issue 22, item 10: nothing bounded the subscriptions a socket or a user could hold, a resume
 * read every retained event after its cursor at once, and every sync, even one that found
 * nothing, wrote an event a user could thereby pile up.
 */
describe('issue 22 item 10: subscription slots, paged replays and quiet syncs', () => {
  let gw: TestGateway;
  let users: Array<Awaited<ReturnType<typeof userWithItem>>> = [];
  const nextUser = () => {
    const user = users.shift();
    if (!user) throw new Error('USERS_NEEDED is one short: each test takes its own user');
    return user;
  };
  const clients: Client[] = [];
  const subscriptions: OpenSubscription[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({
      MAX_SUBSCRIPTIONS_PER_CONNECTION: String(PER_CONNECTION),
      MAX_SUBSCRIPTIONS_PER_USER: String(PER_USER),
      REPLAY_PAGE_SIZE: String(PAGE_SIZE),
      // Hundreds of subscribe messages from one user: the operation rate limit is not what is measured here.
      RATE_LIMIT_OPERATIONS: '100000',
    });
    // One user per test, linked and settled together: one at a time, the links were most of the file's time.
    users = await Promise.all(Array.from({ length: USERS_NEEDED }, () => userWithItem()));
  });

  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.close().catch(() => undefined)));
    for (const client of clients) await client.dispose();
    await gw?.close();
  });

  /** A user with a settled Item, and a cursor from before the Item's first status event: every subscription started with it replays at once. */
  async function userWithItem(): Promise<{ userId: string; token: string; item: LinkedItem; fromStart: string }> {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    await gw.gateway.services.itemStatus.apply(item.id, { event: ItemEvent.PENDING_EXPIRATION, reason: 'SEEN', occurredAt: new Date() });
    return { userId, token, item, fromStart: await cursorAt(userId, 0) };
  }

  const cursorAt = async (userId: string, sequence: number | 'now') => {
    const [stream] = await gw.gateway.dataSource.query<Array<{ stream_key: string; last_sequence: string }>>(
      'SELECT stream_key, last_sequence FROM event_streams WHERE user_id = $1',
      [userId],
    );
    return encodeStreamCursor({ streamKey: stream.stream_key, sequence: sequence === 'now' ? Number(stream.last_sequence) : sequence });
  };

  const socketFor = (token: string) => {
    const client = connectWs(gw.wsUrl, `Bearer ${token}`, { lazy: false });
    clients.push(client);
    return client;
  };

  const opened = (subscription: OpenSubscription) => (subscriptions.push(subscription), subscription);

  /** A started subscription replays the event after its cursor at once; a refused one answers with its error. */
  const outcomeOf = async (subscription: OpenSubscription): Promise<Outcome> => {
    const first: ReceivedResult = await subscription.next(15_000);
    if (first.data?.itemStatusChanged) return 'started';
    const code = first.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : JSON.stringify(first);
  };

  const tally = (outcomes: Outcome[]) =>
    outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});

  /** What this instance counts for the user, across its connections. */
  const heldBy = (userId: string) => gw.gateway.services.subscriptionSlots.held({ userId, connectionId: '' }).user;

  it('issue 22 item 10: one WebSocket holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions; the others are refused with SUBSCRIPTION_LIMIT', async () => {
    const { token, item, fromStart } = nextUser();
    const client = socketFor(token);
    const attempts = Array.from({ length: 200 }, () => opened(subscribeOn(client, STATUS, { id: item.id, after: fromStart })));
    const outcomes = await Promise.all(attempts.map(outcomeOf));
    const counts = tally(outcomes);
    console.log(`issue 22 item 10: 200 subscriptions on one socket -> ${counts.started ?? 0} started, ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ started: PER_CONNECTION, SUBSCRIPTION_LIMIT: 200 - PER_CONNECTION });

    // The refusal says which bound and what it is.
    const refused = opened(subscribeOn(client, STATUS, { id: item.id, after: fromStart }));
    expect(await refused.next()).toEqual({
      errors: [
        expect.objectContaining({
          message: `This connection already holds ${PER_CONNECTION} active subscriptions; complete one before starting another`,
          extensions: { code: 'SUBSCRIPTION_LIMIT', scope: 'connection', limit: PER_CONNECTION },
        }),
      ],
    });
  });

  it('issue 22 item 10: one user holds at most MAX_SUBSCRIPTIONS_PER_USER subscriptions across two WebSockets', async () => {
    const { token, item, fromStart } = nextUser();
    const [first, second] = [socketFor(token), socketFor(token)];
    const onFirst = await Promise.all(
      Array.from({ length: PER_CONNECTION }, () => outcomeOf(opened(subscribeOn(first, STATUS, { id: item.id, after: fromStart })))),
    );
    const onSecond = await Promise.all(
      Array.from({ length: PER_CONNECTION }, () => outcomeOf(opened(subscribeOn(second, STATUS, { id: item.id, after: fromStart })))),
    );
    console.log(
      `issue 22 item 10: ${PER_CONNECTION} + ${PER_CONNECTION} subscriptions of one user on two sockets -> ${JSON.stringify(tally(onFirst))} + ${JSON.stringify(tally(onSecond))}`,
    );
    expect(tally(onFirst)).toEqual({ started: PER_CONNECTION });
    expect(tally(onSecond)).toEqual({ started: PER_USER - PER_CONNECTION, SUBSCRIPTION_LIMIT: 2 * PER_CONNECTION - PER_USER });
  });

  it('issue 22 item 10: event streams (SSE, one subscription each) count against the same per-user bound', async () => {
    const { userId, token, item, fromStart } = nextUser();
    const streams: OpenSubscription[] = [];
    for (let index = 0; index < PER_USER + 4; index += 1)
      streams.push(opened(await subscribeSse(`${gw.url}/graphql/stream`, token, STATUS, { id: item.id, after: fromStart })));
    const counts = tally(await Promise.all(streams.map(outcomeOf)));
    console.log(`issue 22 item 10: ${PER_USER + 4} event streams of one user -> ${counts.started ?? 0} started, ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ started: PER_USER, SUBSCRIPTION_LIMIT: 4 });

    // An aborted stream frees its slot.
    await Promise.all(streams.map((stream) => stream.close()));
    await eventually(async () => (heldBy(userId) === 0 ? true : undefined), 10_000, 'the streams to free their slots');
  });

  it('issue 22 item 10: a completed subscription, a closed socket and a refused subscription each leave no slot taken', async () => {
    const { userId, token, item, fromStart } = nextUser();
    const client = socketFor(token);
    const held = Array.from({ length: PER_CONNECTION }, () => opened(subscribeOn(client, STATUS, { id: item.id, after: fromStart })));
    expect(tally(await Promise.all(held.map(outcomeOf)))).toEqual({ started: PER_CONNECTION });
    expect(await outcomeOf(opened(subscribeOn(client, STATUS, { id: item.id, after: fromStart })))).toBe('SUBSCRIPTION_LIMIT');

    // Complete one: its slot is free for the next.
    await held[0].close();
    await eventually(async () => (heldBy(userId) === PER_CONNECTION - 1 ? true : undefined), 10_000, 'the completed one to free its slot');
    expect(await outcomeOf(opened(subscribeOn(client, STATUS, { id: item.id, after: fromStart })))).toBe('started');

    // Close the socket: all of its slots are free.
    await client.dispose();
    await eventually(async () => (heldBy(userId) === 0 ? true : undefined), 10_000, 'the closed socket to free its slots');

    // Refused subscriptions (an Item that is not the caller's, a cursor that is not one) take no slot.
    const other = socketFor(token);
    const refusals: Outcome[] = [];
    // One at a time: a subscription holds its slot while it is checked, so concurrent ones could meet the bound.
    for (let index = 0; index < 2 * PER_USER; index += 1) {
      const variables = index % 2 ? { id: '00000000-0000-4000-8000-000000000000' } : { after: 'nope' };
      refusals.push(await outcomeOf(opened(subscribeOn(other, STATUS, variables))));
    }
    expect(tally(refusals)).toEqual({ NOT_FOUND: PER_USER, BAD_USER_INPUT: PER_USER });
    expect(heldBy(userId)).toBe(0);
    const again = Array.from({ length: PER_CONNECTION }, () => opened(subscribeOn(other, STATUS, { id: item.id, after: fromStart })));
    expect(tally(await Promise.all(again.map(outcomeOf)))).toEqual({ started: PER_CONNECTION });
    console.log(`issue 22 item 10: after complete, socket close and ${2 * PER_USER} refusals -> ${PER_CONNECTION} start again`);
  });

  it('issue 22 item 10: a resume over 5 x REPLAY_PAGE_SIZE missed events delivers all in order, reading a page at a time', async () => {
    const { userId, token, item } = nextUser();
    const cursor = await cursorAt(userId, 'now');
    const changes = 5 * PAGE_SIZE;
    for (let index = 0; index < changes; index += 1) {
      const event = index % 2 === 0 ? ItemEvent.LOGIN_REPAIRED : ItemEvent.PENDING_EXPIRATION;
      await gw.gateway.services.itemStatus.apply(item.id, { event, reason: `CHANGE_${index}`, occurredAt: new Date() });
    }
    const reads = jest.spyOn(EventStreamRepository.prototype, 'eventsAfter');
    const client = socketFor(token);
    try {
      const resumed = opened(subscribeOn(client, STATUS, { after: cursor }));
      const received: string[] = [];
      while (received.length < changes) {
        const { data, errors } = await resumed.next(15_000);
        expect(errors).toBeUndefined();
        received.push((data?.itemStatusChanged as { reason: string }).reason);
      }
      expect(received).toEqual(Array.from({ length: changes }, (_, index) => `CHANGE_${index}`));
      // Then live ones, none twice.
      await gw.gateway.services.itemStatus.apply(item.id, { event: ItemEvent.LOGIN_REPAIRED, reason: 'LIVE', occurredAt: new Date() });
      expect((await resumed.next(15_000)).data?.itemStatusChanged).toMatchObject({ reason: 'LIVE' });
      expect(resumed.pending()).toEqual([]);

      const rows = await Promise.all(reads.mock.results.map(async (result) => ((await result.value) as unknown[]).length));
      console.log(
        `issue 22 item 10: resume over ${changes} missed events -> ${reads.mock.calls.length} replay queries, rows per replay query max=${Math.max(...rows)} (${rows.join(', ')})`,
      );
      expect(Math.max(...rows)).toBe(PAGE_SIZE);
      expect(rows.reduce((sum, count) => sum + count, 0)).toBe(changes);
      expect(reads.mock.calls.every((call) => call[4] === PAGE_SIZE)).toBe(true);
    } finally {
      reads.mockRestore();
    }
  });

  it('issue 22 item 10: a sync that changes nothing writes no event; one that brings transactions still does', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await settled(gw, [item.id]);
    const syncEvents = async () =>
      Number(
        (
          await gw.gateway.dataSource.query<Array<{ count: string }>>(
            `SELECT count(*) FROM stream_events WHERE user_id = $1 AND topic = 'TRANSACTIONS_SYNCED'`,
            [userId],
          )
        )[0].count,
      );
    const before = await syncEvents();
    for (let sync = 0; sync < 5; sync += 1) {
      const answer = await gw.graphql<{ syncItem: { added: number; modified: number; removed: number } }>(
        'mutation($id: ID!) { syncItem(itemId: $id) { added modified removed } }',
        { token, variables: { id: item.id } },
      );
      expect(answer.data?.syncItem).toEqual({ added: 0, modified: 0, removed: 0 });
    }
    const written = (await syncEvents()) - before;
    console.log(`issue 22 item 10: events for 5 zero-change syncs: ${written}`);
    expect(written).toBe(0);

    // New transactions at the bank: their sync (the webhook's or this one) is announced.
    const created = await gw.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 4, description: "Quiet sync check", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      { token, variables: { id: item.id } },
    );
    expect(created.errors).toBeUndefined();
    await gw.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } });
    await settled(gw, [item.id]);
    const [announced] = await gw.gateway.dataSource.query<Array<{ added: number }>>(
      `SELECT (payload->>'added')::int AS added FROM stream_events WHERE user_id = $1 AND topic = 'TRANSACTIONS_SYNCED' ORDER BY sequence DESC LIMIT 1`,
      [userId],
    );
    expect(announced).toEqual({ added: 1 });
    expect((await syncEvents()) - before).toBe(1);
  });
});
