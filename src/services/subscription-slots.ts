import { DomainError } from '../errors/domain-error';
import { onStreamEnd } from '../pubsub/on-stream-end';

export interface SubscriptionSlotLimits {
  perConnection: number;
  perUser: number;
}

/** Who a subscription runs for: its user, and the WebSocket (or event stream) it runs on. */
export interface SubscriptionOwner {
  userId: string;
  connectionId: string;
}

export const subscriptionLimit = (scope: 'connection' | 'user', limit: number) =>
  new DomainError(
    'SUBSCRIPTION_LIMIT',
    scope === 'connection'
      ? `This connection already holds ${limit} active subscriptions; complete one before starting another`
      : `You already hold ${limit} active subscriptions; complete one before starting another`,
    { scope, limit },
  );

/**
 * Active subscriptions, counted per connection and per user in this process (instances do
 * not share counts), so that no socket or user holds listeners, replays and per-event
 * executions without bound. A subscription takes its slot before anything of it starts and
 * gives it back once, however it ends. Only holders are kept: an idle user costs nothing.
 */
export class SubscriptionSlots {
  private readonly byConnection = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionSlotLimits) {}

  /**
   * Opens a subscription in a slot of its owner's: SUBSCRIPTION_LIMIT, with nothing opened,
   * when none is free. The slot is freed if opening fails, and otherwise when the stream ends.
   */
  async hold<T>(owner: SubscriptionOwner, open: () => Promise<AsyncIterable<T>>): Promise<AsyncIterableIterator<T>> {
    const release = this.take(owner);
    try {
      return onStreamEnd(await open(), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** How many slots the connection and the user hold now. */
  held(owner: SubscriptionOwner): { connection: number; user: number } {
    return { connection: this.byConnection.get(owner.connectionId) ?? 0, user: this.byUser.get(owner.userId) ?? 0 };
  }

  /** A slot, or SUBSCRIPTION_LIMIT; the returned function frees it (once, however often it is called). */
  take(owner: SubscriptionOwner): () => void {
    const { connection, user } = this.held(owner);
    if (connection >= this.limits.perConnection) throw subscriptionLimit('connection', this.limits.perConnection);
    if (user >= this.limits.perUser) throw subscriptionLimit('user', this.limits.perUser);
    this.byConnection.set(owner.connectionId, connection + 1);
    this.byUser.set(owner.userId, user + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      decrement(this.byConnection, owner.connectionId);
      decrement(this.byUser, owner.userId);
    };
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 0) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
