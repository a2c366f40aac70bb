import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { setMaxListeners } from 'node:events';
import type { GatewayEvents } from './gateway-events';

export type GatewayPubSub = PubSub<GatewayEvents> & {
  /**
   * Resolves once every subscription started so far hears whatever is published from then on.
   * A resume reads the missed events only after this, so none falls between replay and live.
   */
  listening: () => Promise<void>;
};

/**
 * This instance's subscribers only. Events reach every instance from PostgreSQL (the event
 * relay), not through Redis, so a subscription hears of a change made on any instance, Redis
 * or not, and each event once.
 */
export function createGatewayPubSub(): GatewayPubSub {
  // Every subscription of a user listens on that user's topic: more than Node's default of ten is normal.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return { ...createPubSub<GatewayEvents>({ eventTarget }), listening: async () => undefined };
}
