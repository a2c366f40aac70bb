import type { DataSource } from 'typeorm';
import type { GatewayEvents } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import { replayThenLive } from '../pubsub/replay-then-live';
import type { EventOutbox } from './event-outbox';
import { positionOf } from './event-stream';

type TopicName = keyof GatewayEvents;
type StreamEvent = GatewayEvents[TopicName][1];

/** Subscriptions resumed from a cursor: what the client missed from the outbox, then live events. */
export class EventReplayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    private readonly pubSub: GatewayPubSub,
  ) {}

  async resume(userId: string, topic: TopicName, after: string, itemId?: string | null): Promise<AsyncIterableIterator<StreamEvent>> {
    const { position } = await positionOf(this.dataSource, userId, after, 'after');
    const live = (this.pubSub.subscribe(topic, userId) as AsyncIterable<StreamEvent>)[Symbol.asyncIterator]();
    // The first pull starts listening; whatever commits from here on arrives live, and what came before is in the outbox.
    const firstLive = live.next();
    try {
      await this.pubSub.listening();
      const missed = await this.outbox.missed(this.dataSource, userId, topic, position.sequence, itemId);
      return replayThenLive(live, firstLive, missed, position.sequence, (event) => !itemId || event.item.id === itemId);
    } catch (error) {
      await live.return?.();
      throw error;
    }
  }
}
