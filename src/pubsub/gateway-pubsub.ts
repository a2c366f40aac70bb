import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { setMaxListeners } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayEvents } from './gateway-events';

export type GatewayPubSub = PubSub<GatewayEvents> & {
  /**
   * Resolves once every subscription started so far hears whatever is published from then on.
   * A resume reads the missed events only after this, so none falls between replay and live.
   */
  listening(): Promise<void>;
};

export interface PubSubHandle {
  pubSub: GatewayPubSub;
  close(): Promise<void>;
}

/**
 * In-process by default; with REDIS_URL every instance publishes to and listens on Redis,
 * so an event raised by one gateway reaches subscribers connected to any other.
 */
export async function createGatewayPubSub(redisUrl: string | undefined, logger: Logger): Promise<PubSubHandle> {
  if (!redisUrl) {
    // Every subscription of a user listens on that user's topic: more than Node's default of ten is normal.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return { pubSub: { ...createPubSub<GatewayEvents>({ eventTarget }), listening: async () => undefined }, close: async () => undefined };
  }
  const connect = async (role: string) => {
    const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    client.on('error', (error) => logger.warn({ err: error, role }, 'Redis connection error'));
    await client.connect();
    return client;
  };
  const publishClient = await connect('publish');
  const subscribeClient = await connect('subscribe').catch(async (error: unknown) => {
    publishClient.disconnect();
    throw error;
  });
  return {
    pubSub: {
      ...createPubSub<GatewayEvents>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) }),
      // Redis answers a connection's commands in order: the PING's reply comes after every SUBSCRIBE sent before it.
      listening: async () => {
        await subscribeClient.ping();
      },
    },
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
