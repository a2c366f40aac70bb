import type { EntityManager } from 'typeorm';
import { Topic, type ItemStatusChangedEvent, type StreamPlace, type TransactionsSyncedEvent } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { EventStreamRepository, StoredStreamEvent, StreamEventPlace } from '../repositories/event-stream.repository';
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

  /** To this instance's subscribers; only the relay calls it, with events read back after they committed. */
  publish(stored: StoredStreamEvent[]): void {
    for (const row of stored) {
      const event = toRecorded(row);
      if (event.topic === Topic.ItemStatusChanged) this.pubSub.publish(event.topic, event.userId, event.event);
      else this.pubSub.publish(event.topic, event.userId, event.event);
    }
  }

  /** The first `limit` of the user's events of one topic after `afterSequence`, oldest first, optionally of one Item only. */
  async missed(
    userId: string,
    topic: RecordedEvent['topic'],
    afterSequence: number,
    itemId: string | null,
    limit: number,
  ): Promise<Array<RecordedEvent['event']>> {
    const stored = await this.streams.eventsAfter(userId, topic, afterSequence, itemId, limit);
    return stored.map((row) => toRecorded(row).event);
  }
}

function toRecorded(row: StoredStreamEvent): RecordedEvent {
  // Each row holds the payload its topic was recorded with.
  return { topic: row.topic, userId: row.userId, event: { ...(row.payload as object), ...placeOf(row) } } as RecordedEvent;
}

function placeOf({ streamKey, sequence }: StreamEventPlace): StreamPlace {
  return { sequence, cursor: encodeStreamCursor({ streamKey, sequence }) };
}
