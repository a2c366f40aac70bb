import { Client } from 'pg';
import type { Logger } from 'pino';
import { STREAM_EVENTS_CHANNEL, type AppendedRange, type EventStreamRepository } from '../repositories/event-stream.repository';
import type { EventOutbox } from './event-outbox';
import { RecentPositions } from './recent-positions';

/** How the relay's LISTEN connection names itself in pg_stat_activity: with its process, as several gateways may share a database. */
export const EVENT_RELAY_APPLICATION = `gateway-event-relay:${process.pid}`;

export interface EventRelayDependencies {
  databaseUrl: string;
  streams: EventStreamRepository;
  outbox: EventOutbox;
  logger: Logger;
  /** Users whose last published position is remembered (EVENT_RELAY_TRACKED_USERS), the most recent first kept. */
  trackedUsers: number;
  /** Between attempts to get the LISTEN connection back. */
  reconnectDelayMs?: number;
}

/**
 * The one path by which subscribers hear of events: every instance LISTENs on its own
 * connection, PostgreSQL notifies it when a transaction that wrote events commits (whichever
 * process wrote them, and even if that process died right after), and it reads those rows back
 * and publishes them to its own subscribers, in each user's order. No event is published from
 * memory, and none crosses Redis: each instance hears every commit from PostgreSQL itself, so
 * every subscriber gets each event once. After the LISTEN connection was lost, each user seen
 * before is read from the last position published; a subscription that began meanwhile
 * resumes from its `after` cursor like any other.
 */
export class EventRelay {
  private client: Client | undefined;
  private closed = false;
  /** Per user, the last position published: ranges are read from there, so none is skipped or repeated. */
  private readonly published: RecentPositions;
  /** Notifications are handled one at a time, in the order PostgreSQL sent them (each user's commit order). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EventRelayDependencies) {
    this.published = new RecentPositions(deps.trackedUsers);
  }

  /** Resolves once the relay listens: an event committed after this reaches subscribers. */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
    await this.queue;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.deps.databaseUrl, application_name: EVENT_RELAY_APPLICATION });
    client.on('notification', (message) => {
      if (message.channel !== STREAM_EVENTS_CHANNEL || !message.payload) return;
      const range = JSON.parse(message.payload) as AppendedRange;
      this.enqueue(() => this.relay(range.userId, range.from, range.to));
    });
    client.on('error', (error: Error) => this.deps.logger.warn({ err: error }, 'event relay lost its LISTEN connection'));
    client.on('end', () => {
      if (this.closed) return;
      this.client = undefined;
      this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${STREAM_EVENTS_CHANNEL}`);
    this.client = client;
  }

  /** Back, then catch up on what committed while it was away. */
  private reconnect(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.connect().then(
        () => {
          this.deps.logger.info('event relay listens again');
          for (const [userId, last] of this.published.entries()) this.enqueue(() => this.relay(userId, last + 1, Number.MAX_SAFE_INTEGER));
        },
        (error: unknown) => {
          this.deps.logger.warn({ err: error }, 'event relay cannot LISTEN yet; retrying');
          this.reconnect();
        },
      );
    }, this.deps.reconnectDelayMs ?? 1_000).unref();
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.deps.logger.error({ err: error }, 'event relay could not publish'));
  }

  /** The user's events from `from` (or after the last one published, if later) through `through`. */
  private async relay(userId: string, from: number, through: number): Promise<void> {
    const published = this.published.get(userId);
    const start = published === undefined ? from : Math.max(from, published + 1);
    if (through < start) return;
    const events = await this.deps.streams.eventsBetween(userId, start, through);
    this.deps.outbox.publish(events);
    const last = events.at(-1)?.sequence;
    if (last !== undefined) this.published.set(userId, last);
  }
}
