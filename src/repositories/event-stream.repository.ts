import type { DataSource, EntityManager } from 'typeorm';
import { reservePositions } from './stream-positions';

/** The PostgreSQL channel told, at commit, which users' streams gained events. */
export const STREAM_EVENTS_CHANNEL = 'stream_events';

export interface StreamRow {
  streamKey: string;
  lastSequence: number;
  prunedThrough: number;
}

export interface NewStreamEvent {
  userId: string;
  topic: string;
  itemId: string;
  /** Stored as jsonb; read back as it was written. */
  payload: object;
}

export interface StreamEventPlace {
  sequence: number;
  streamKey: string;
}

export interface StoredStreamEvent extends StreamEventPlace {
  userId: string;
  topic: string;
  payload: unknown;
}

/** What a notification on STREAM_EVENTS_CHANNEL carries: a user's events from `from` to `to`. */
export interface AppendedRange {
  userId: string;
  from: number;
  to: number;
}

interface StreamDbRow {
  stream_key: string;
  last_sequence: string;
  pruned_through: string;
}

interface PlacedDbRow {
  sequence: string;
  stream_key: string;
}

interface StoredDbRow {
  user_id: string;
  sequence: string;
  topic: string;
  payload: unknown;
  stream_key: string;
}

/** Users' streams (`event_streams`) and the events written into them (`stream_events`, the outbox). */
export class EventStreamRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's stream, made on first use so that even a user with nothing yet gets a cursor. */
  async streamOf(userId: string): Promise<StreamRow> {
    const rows: StreamDbRow[] = await this.dataSource.query(
      `WITH made AS (INSERT INTO event_streams (user_id, stream_key) VALUES ($1, gen_random_uuid()) ON CONFLICT (user_id) DO NOTHING RETURNING stream_key, last_sequence, pruned_through)
       SELECT stream_key, last_sequence, pruned_through FROM made
       UNION ALL SELECT stream_key, last_sequence, pruned_through FROM event_streams WHERE user_id = $1`,
      [userId],
    );
    // Two first uses at once (two aliased reads in one operation): the second INSERT waits for the
    // first to commit and does nothing, and its SELECT still sees the snapshot from before that
    // commit, so it finds no row. A new statement sees the committed one.
    const [row] =
      rows.length > 0
        ? rows
        : await this.dataSource.query<StreamDbRow[]>(
            'SELECT stream_key, last_sequence, pruned_through FROM event_streams WHERE user_id = $1',
            [userId],
          );
    return { streamKey: row.stream_key, lastSequence: Number(row.last_sequence), prunedThrough: Number(row.pruned_through) };
  }

  /**
   * In the caller's transaction, one statement for any number of events and users: each event
   * at the next position of its user's stream, in the order given. Each user's range is
   * notified on STREAM_EVENTS_CHANNEL, which PostgreSQL delivers only if and when this commits.
   */
  async append(manager: EntityManager, events: NewStreamEvent[]): Promise<StreamEventPlace[]> {
    if (events.length === 0) return [];
    const rows: PlacedDbRow[] = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::jsonb[]) WITH ORDINALITY AS e (user_id, topic, item_id, payload, ordinal)
       ), counts AS (
         SELECT user_id, count(*) AS n FROM input GROUP BY user_id
       ), ${reservePositions('counts')}, placed AS (
         SELECT input.*, stream.stream_key, stream.before + row_number() OVER (PARTITION BY input.user_id ORDER BY input.ordinal) AS sequence
           FROM input JOIN stream USING (user_id)
       ), written AS (
         INSERT INTO stream_events (user_id, sequence, topic, item_id, payload) SELECT user_id, sequence, topic, item_id, payload FROM placed
       ), notified AS (
         SELECT pg_notify('${STREAM_EVENTS_CHANNEL}', json_build_object('userId', user_id, 'from', before + 1, 'to', before + n)::text)
           FROM stream JOIN counts USING (user_id)
       )
       SELECT ordinal, sequence, stream_key FROM placed, (SELECT count(*) FROM notified) AS n ORDER BY ordinal`,
      [events.map((e) => e.userId), events.map((e) => e.topic), events.map((e) => e.itemId), events.map((e) => JSON.stringify(e.payload))],
    );
    return rows.map((row) => ({ sequence: Number(row.sequence), streamKey: row.stream_key }));
  }

  /** The first `limit` of the user's events of one topic after `afterSequence`, oldest first, optionally of one Item only. */
  async eventsAfter(
    userId: string,
    topic: string,
    afterSequence: number,
    itemId: string | null,
    limit: number,
  ): Promise<StoredStreamEvent[]> {
    const rows: StoredDbRow[] = await this.dataSource.query(
      `SELECT e.user_id, e.sequence, e.topic, e.payload, s.stream_key FROM stream_events e JOIN event_streams s ON s.user_id = e.user_id
        WHERE e.user_id = $1 AND e.sequence > $2 AND e.topic = $3 AND ($4::uuid IS NULL OR e.item_id = $4)
        ORDER BY e.sequence
        LIMIT $5`,
      [userId, afterSequence, topic, itemId, limit],
    );
    return rows.map(toStored);
  }

  /** One user's events from `from` to `to` (positions the change log took are simply absent), oldest first. */
  async eventsBetween(userId: string, from: number, to: number): Promise<StoredStreamEvent[]> {
    const rows: StoredDbRow[] = await this.dataSource.query(
      `SELECT e.user_id, e.sequence, e.topic, e.payload, s.stream_key FROM stream_events e JOIN event_streams s ON s.user_id = e.user_id
        WHERE e.user_id = $1 AND e.sequence BETWEEN $2 AND $3
        ORDER BY e.sequence`,
      [userId, from, to],
    );
    return rows.map(toStored);
  }
}

function toStored(row: StoredDbRow): StoredStreamEvent {
  return { userId: row.user_id, sequence: Number(row.sequence), topic: row.topic, payload: row.payload, streamKey: row.stream_key };
}
