import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { setMaxListeners } from 'node:events';
import type { GatewayEvents } from './gateway-events';

/** A subscription hears whatever is published from its first `next()` on. */
export type GatewayPubSub = PubSub<GatewayEvents>;

/**
 * This instance's subscribers only. Events reach every instance from PostgreSQL (the event
 * relay), not through Redis, so a subscription hears of a change made on any instance, Redis
 * or not, and each event once.
 */
export function createGatewayPubSub(): GatewayPubSub {
  // Every subscription of a user listens on that user's topic: more than Node's default of ten is normal.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<GatewayEvents>({ eventTarget });
}
