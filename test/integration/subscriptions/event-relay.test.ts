import { ItemStatus } from '../../../src/entities/item-status';
import { ItemEntity } from '../../../src/entities/item.entity';
import { EVENT_RELAY_APPLICATION } from '../../../src/services/event-relay';
import { linkItem, settled } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const STATUS = 'subscription($id: ID) { itemStatusChanged(itemId: $id) { item { id } status reason cursor } }';
const SEQUENCED = 'subscription($id: ID) { itemStatusChanged(itemId: $id) { item { id } status reason cursor sequence } }';

interface StatusEvent {
  item: { id: string };
  status: string;
  reason: string;
  cursor: string;
  sequence: number;
}

describe('the event relay', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  /**
   * Writes a status event the way every change does (in its transaction, through the outbox)
   * and commits, with nothing published from memory afterwards: what a process that died
   * right after its commit leaves behind.
   */
  async function commitWithoutPublishing(itemId: string, reason: string): Promise<void> {
    const item = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: itemId });
    await gw.gateway.dataSource.transaction((manager) =>
      gw.gateway.services.itemStatus.record(manager, { item, previousStatus: ItemStatus.ACTIVE }, reason, new Date()),
    );
  }

  it('item 10: pushes an event committed without any in-process publish to a connected subscriber', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const subscription = await subscribe(gw.wsUrl, token, STATUS, { id: item.id });
    try {
      await commitWithoutPublishing(item.id, 'COMMITTED_THEN_CRASHED');
      const event = (await subscription.next(10_000)).data?.itemStatusChanged as StatusEvent;
      expect(event).toMatchObject({ item: { id: item.id }, status: 'ACTIVE', reason: 'COMMITTED_THEN_CRASHED' });
    } finally {
      await subscription.close();
    }
  });

  it('item 10: gives each event its sequence, consecutive for consecutive events, and the same as in its cursor', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const subscription = await subscribe(gw.wsUrl, token, SEQUENCED, { id: item.id });
    try {
      for (const reason of ['FIRST', 'SECOND', 'THIRD']) await commitWithoutPublishing(item.id, reason);
      const events: StatusEvent[] = [];
      for (let i = 0; i < 3; i += 1) events.push((await subscription.next(10_000)).data?.itemStatusChanged as StatusEvent);
      expect(events.map((event) => event.reason)).toEqual(['FIRST', 'SECOND', 'THIRD']);
      const [first] = events;
      expect(events.map((event) => event.sequence)).toEqual([first.sequence, first.sequence + 1, first.sequence + 2]);
      for (const event of events) {
        expect(Number(Buffer.from(event.cursor, 'base64url').toString('utf8').split('.')[1])).toBe(event.sequence);
      }
    } finally {
      await subscription.close();
    }
  });

  it('item 10: catches up on what committed while its LISTEN connection was cut', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const subscription = await subscribe(gw.wsUrl, token, STATUS, { id: item.id });
    try {
      await commitWithoutPublishing(item.id, 'BEFORE_THE_CUT');
      expect(((await subscription.next(10_000)).data?.itemStatusChanged as StatusEvent).reason).toBe('BEFORE_THE_CUT');
      const cut: unknown[] = await gw.gateway.dataSource.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [EVENT_RELAY_APPLICATION],
      );
      expect(cut).toHaveLength(1);
      // Committed while nobody LISTENs (the relay waits a second before reconnecting): its NOTIFY reaches no one.
      await commitWithoutPublishing(item.id, 'DURING_THE_CUT');
      expect(((await subscription.next(10_000)).data?.itemStatusChanged as StatusEvent).reason).toBe('DURING_THE_CUT');
    } finally {
      await subscription.close();
    }
  });
});
