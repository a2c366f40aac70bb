import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';

export interface PersistedQueryCache {
  /** Where Apollo keeps automatic persisted queries; undefined = Apollo's own in-process cache. */
  cache: KeyValueCache<string> | undefined;
  close(): Promise<void>;
}

const NAMESPACE = 'gateway';
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * With REDIS_URL the APQ hash -> document map lives in Redis, so a hash registered through
 * one instance is served by every other; without it Apollo's bounded in-process cache does.
 */
export function createPersistedQueryCache(redisUrl: string | undefined, logger: Logger): PersistedQueryCache {
  if (!redisUrl) return { cache: undefined, close: async () => undefined };
  // No offline queue: while Redis is away a lookup misses at once (the client then sends the
  // full document, as APQ expects) instead of waiting on a dead connection.
  const client = createClient({ url: redisUrl, disableOfflineQueue: true, socket: { connectTimeout: CONNECT_TIMEOUT_MS } });
  const store = new KeyvRedis<string>(client, { throwOnConnectError: false, throwOnErrors: false, connectionTimeout: CONNECT_TIMEOUT_MS });
  const keyv = new Keyv<string>({ store, namespace: NAMESPACE, throwOnErrors: false });
  let reportedDown = false;
  keyv.on('error', (error: unknown) => {
    if (reportedDown) return;
    reportedDown = true;
    logger.warn({ err: error }, 'Redis for persisted queries is unreachable; lookups miss until it is back');
  });
  client.on('ready', () => {
    reportedDown = false;
  });
  return { cache: new KeyvAdapter(keyv), close: () => keyv.disconnect() };
}
