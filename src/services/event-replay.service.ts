import type { GatewayEvents } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import { replayThenLive } from '../pubsub/replay-then-live';
import type { EventStreamRepository } from '../repositories/event-stream.repository';
import type { EventOutbox } from './event-outbox';
import { positionOf } from './event-stream';
import { cursorExpired } from '../errors/domain-error';

type TopicName = keyof GatewayEvents;
type StreamEvent = GatewayEvents[TopicName][1];

export interface EventReplayServiceDependencies {
  streams: EventStreamRepository;
  outbox: EventOutbox;
  pubSub: GatewayPubSub;
  /** Missed events read from the outbox at a time (REPLAY_PAGE_SIZE). */
  pageSize: number;
}

/** Subscriptions resumed from a cursor: what the client missed from the outbox, a page at a time, then live events. */
export class EventReplayService {
  constructor(private readonly deps: EventReplayServiceDependencies) {}

  async resume(userId: string, topic: TopicName, after: string, itemId?: string | null): Promise<AsyncIterableIterator<StreamEvent>> {
    const { position } = await positionOf(this.deps.streams, userId, after, 'after');
    const { outbox, pageSize } = this.deps;
    const live = (this.deps.pubSub.subscribe(topic, userId) as AsyncIterable<StreamEvent>)[Symbol.asyncIterator]();
    // The first pull starts listening; whatever commits from here on arrives live, and what came before is in the outbox.
    const firstLive = live.next();
    const readPage = async (afterSequence: number) => {
      const page = await outbox.missed(userId, topic, afterSequence, itemId ?? null, pageSize);
      // Retention may have pruned past this position since the cursor was checked (the replay reads
      // a page at a time, for as long as the client takes): read after the page, a prune that
      // removed part of it is seen, and the client starts over rather than silently miss events.
      const { prunedThrough } = await this.deps.streams.streamOf(userId);
      if (afterSequence < prunedThrough) throw cursorExpired('after');
      return page;
    };
    try {
      // The first page is read now, so that a database that does not answer refuses the subscription instead of ending it.
      const firstPage = await readPage(position.sequence);
      return replayThenLive({
        live,
        firstLive,
        firstPage,
        readPage,
        pageSize,
        after: position.sequence,
        matches: (event) => !itemId || event.item.id === itemId,
      });
    } catch (error) {
      await live.return?.();
      throw error;
    }
  }
}
