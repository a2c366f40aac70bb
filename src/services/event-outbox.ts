import type { EntityManager } from 'typeorm';
import { Topic, type ItemStatusChangedEvent, type StreamPlace, type TransactionsSyncedEvent } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { EventStreamRepository, StreamEventPlace } from '../repositories/event-stream.repository';
import { encodeStreamCursor } from './stream-cursor';

type Unplaced<T> = Omit<T, keyof StreamPlace>;

/** An event before it has a place in its user's stream. */
export type OutboxEvent =
  | { topic: typeof Topic.ItemStatusChanged; userId: string; event: Unplaced<ItemStatusChangedEvent> }
  | { topic: typeof Topic.TransactionsSynced; userId: string; event: Unplaced<TransactionsSyncedEvent> };

/** An event written with the change it reports, to publish once that has committed. */
export type RecordedEvent =
  | { topic: typeof Topic.ItemStatusChanged; userId: string; event: ItemStatusChangedEvent }
  | { topic: typeof Topic.TransactionsSynced; userId: string; event: TransactionsSyncedEvent };

/**
 * The outbox: subscription events are written in the transaction of the change they report,
 * each at the next position of its user's stream, and published only after that commits.
 * A client that was away reads the ones it missed back from here.
 */
export class EventOutbox {
  constructor(
    private readonly streams: EventStreamRepository,
    private readonly pubSub: GatewayPubSub,
  ) {}

  /** In the caller's transaction; one statement for any number of events and users. */
  async record(manager: EntityManager, events: OutboxEvent[]): Promise<RecordedEvent[]> {
    const places = await this.streams.append(
      manager,
      events.map(({ userId, topic, event }) => ({ userId, topic, itemId: event.item.id, payload: event })),
    );
    return places.map((stored, index) => {
      const place = placeOf(stored);
      const { topic, userId, event } = events[index];
      return topic === Topic.ItemStatusChanged
        ? { topic, userId, event: { ...event, ...place } }
        : { topic, userId, event: { ...event, ...place } };
    });
  }

  /** After commit: to every instance's subscribers (in-process or Redis). */
  publish(recorded: RecordedEvent[]): void {
    for (const { topic, userId, event } of recorded) {
      if (topic === Topic.ItemStatusChanged) this.pubSub.publish(topic, userId, event);
      else this.pubSub.publish(topic, userId, event);
    }
  }

  /** The user's events of one topic after `afterSequence`, oldest first, optionally of one Item only. */
  async missed(
    userId: string,
    topic: RecordedEvent['topic'],
    afterSequence: number,
    itemId?: string | null,
  ): Promise<Array<RecordedEvent['event']>> {
    const stored = await this.streams.eventsAfter(userId, topic, afterSequence, itemId ?? null);
    // Each row holds the payload its topic was recorded with.
    return stored.map((row) => ({ ...(row.payload as Unplaced<RecordedEvent['event']>), ...placeOf(row) }) as RecordedEvent['event']);
  }
}

function placeOf({ streamKey, sequence }: StreamEventPlace): StreamPlace {
  return { sequence, cursor: encodeStreamCursor({ streamKey, sequence }) };
}
