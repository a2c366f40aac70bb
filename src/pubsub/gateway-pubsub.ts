import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { GatewayEvents } from './gateway-events';
import { RedisFanOut } from './redis-fan-out';

export type GatewayPubSub = PubSub<GatewayEvents> & {
  /**
   * Resolves once every subscription started so far hears whatever is published from then on.
   * A resume reads the missed events only after this, so none falls between replay and live.
   */
  listening: () => Promise<void>;
};

export interface PubSubHandle {
  pubSub: GatewayPubSub;
  /** `up`/`down` with REDIS_URL, `not_configured` without. */
  redisState: () => 'up' | 'down' | 'not_configured';
  close: () => Promise<void>;
}

/**
 * In-process by default; with REDIS_URL every instance also publishes to and listens on
 * Redis, so an event raised by one gateway reaches subscribers connected to any other.
 * Start-up does not wait for Redis: it connects, and reconnects, in the background.
 */
export function createGatewayPubSub(redisUrl: string | undefined, logger: Logger): PubSubHandle {
  if (!redisUrl) {
    // Every subscription of a user listens on that user's topic: more than Node's default of ten is normal.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return {
      pubSub: { ...createPubSub<GatewayEvents>({ eventTarget }), listening: async () => undefined },
      redisState: () => 'not_configured',
      close: async () => undefined,
    };
  }
  const fanOut = new RedisFanOut(redisUrl, logger);
  return {
    pubSub: { ...createPubSub<GatewayEvents>({ eventTarget: fanOut }), listening: () => fanOut.listening() },
    redisState: () => (fanOut.connected ? 'up' : 'down'),
    close: () => fanOut.close(),
  };
}
