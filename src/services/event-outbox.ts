import type { DataSource, EntityManager } from 'typeorm';
import { Topic, type ItemStatusChangedEvent, type StreamPlace, type TransactionsSyncedEvent } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
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
  constructor(private readonly pubSub: GatewayPubSub) {}

  /** In the caller's transaction; one statement for any number of events and users. */
  async record(manager: EntityManager, events: OutboxEvent[]): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    // Users' counter rows are locked in user order, so two batches never wait on each other in a circle.
    const rows: Array<{ ordinal: string; sequence: string; stream_key: string }> = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::jsonb[]) WITH ORDINALITY AS e (user_id, topic, item_id, payload, ordinal)
       ), counts AS (
         SELECT user_id, count(*) AS n FROM input GROUP BY user_id
       ), streams AS (
         INSERT INTO event_streams (user_id, stream_key, last_sequence) SELECT user_id, gen_random_uuid(), n FROM counts ORDER BY user_id
         ON CONFLICT (user_id) DO UPDATE SET last_sequence = event_streams.last_sequence + EXCLUDED.last_sequence
         RETURNING user_id, last_sequence, stream_key
       ), placed AS (
         SELECT input.*, streams.stream_key,
                streams.last_sequence - counts.n + row_number() OVER (PARTITION BY input.user_id ORDER BY input.ordinal) AS sequence
           FROM input JOIN counts USING (user_id) JOIN streams USING (user_id)
       ), written AS (
         INSERT INTO stream_events (user_id, sequence, topic, item_id, payload) SELECT user_id, sequence, topic, item_id, payload FROM placed
       )
       SELECT ordinal, sequence, stream_key FROM placed ORDER BY ordinal`,
      [
        events.map((e) => e.userId),
        events.map((e) => e.topic),
        events.map((e) => e.event.item.id),
        events.map((e) => JSON.stringify(e.event)),
      ],
    );
    return rows.map((row, index) => {
      const place = {
        sequence: Number(row.sequence),
        cursor: encodeStreamCursor({ streamKey: row.stream_key, sequence: Number(row.sequence) }),
      };
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
    db: DataSource,
    userId: string,
    topic: RecordedEvent['topic'],
    afterSequence: number,
    itemId?: string | null,
  ): Promise<Array<RecordedEvent['event']>> {
    // Each row holds the payload its topic was recorded with.
    const rows: Array<{ sequence: string; payload: Unplaced<RecordedEvent['event']>; stream_key: string }> = await db.query(
      `SELECT e.sequence, e.payload, s.stream_key FROM stream_events e JOIN event_streams s ON s.user_id = e.user_id
        WHERE e.user_id = $1 AND e.sequence > $2 AND e.topic = $3 AND ($4::uuid IS NULL OR e.item_id = $4)
        ORDER BY e.sequence`,
      [userId, afterSequence, topic, itemId ?? null],
    );
    return rows.map((row) => {
      const sequence = Number(row.sequence);
      return { ...row.payload, sequence, cursor: encodeStreamCursor({ streamKey: row.stream_key, sequence }) } as RecordedEvent['event'];
    });
  }
}
