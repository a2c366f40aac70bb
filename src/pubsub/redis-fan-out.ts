import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = Parameters<EventTarget['addEventListener']>[1];

/** What crosses Redis: the publishing instance, so it does not deliver its own event twice. */
interface Envelope {
  origin: string;
  detail: unknown;
}

/**
 * The pub/sub's event target with REDIS_URL set. Every event is delivered to this
 * instance's subscribers at once and published to Redis for the others, so a Redis outage
 * only pauses fan-out across instances: local subscribers keep getting events, publishing
 * never throws or rejects, and subscriptions are renewed whenever the connection is ready
 * again (also for topics first subscribed while Redis was down).
 */
export class RedisFanOut implements EventTarget {
  private readonly origin = randomUUID();
  private readonly local = new EventTarget();
  private readonly topics = new Map<string, number>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
  ) {
    // Every subscription of a user listens on that user's topic: more than Node's default of ten is normal.
    setMaxListeners(0, this.local);
    this.publisher = connect(redisUrl, 'publish', logger);
    this.subscriber = connect(redisUrl, 'subscribe', logger);
    this.subscriber.on('ready', () => {
      for (const topic of this.topics.keys()) this.subscribeTo(topic);
    });
    this.subscriber.on('message', (topic: string, message: string) => this.receive(topic, message));
  }

  /** True while both connections are up. */
  get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  addEventListener(topic: string, listener: Listener): void {
    if (!listener) return;
    this.local.addEventListener(topic, listener);
    const count = this.topics.get(topic) ?? 0;
    this.topics.set(topic, count + 1);
    if (count === 0) this.subscribeTo(topic);
  }

  removeEventListener(topic: string, listener: Listener): void {
    if (!listener) return;
    this.local.removeEventListener(topic, listener);
    const count = this.topics.get(topic);
    if (count === undefined) return;
    if (count > 1) {
      this.topics.set(topic, count - 1);
      return;
    }
    this.topics.delete(topic);
    if (this.subscriber.status === 'ready') this.subscriber.unsubscribe(topic).catch((error: unknown) => this.warn(error, 'unsubscribe'));
  }

  dispatchEvent(event: Event): boolean {
    const { detail } = event as CustomEvent<unknown>;
    this.local.dispatchEvent(new CustomEvent(event.type, { detail }));
    if (this.publisher.status === 'ready') {
      const envelope: Envelope = { origin: this.origin, detail };
      this.publisher.publish(event.type, JSON.stringify(envelope)).catch((error: unknown) => this.warn(error, 'publish'));
    }
    return true;
  }

  /**
   * Resolves once every topic subscribed so far is in effect at Redis: Redis answers a
   * connection's commands in order, so the PING's reply comes after every SUBSCRIBE sent before
   * it. While Redis is down there is nothing to wait for: only this instance's own events
   * arrive then, and they arrive at once.
   */
  async listening(): Promise<void> {
    if (this.subscriber.status !== 'ready') return;
    await this.subscriber.ping().catch((error: unknown) => this.warn(error, 'ping'));
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())));
  }

  private subscribeTo(topic: string): void {
    if (this.subscriber.status !== 'ready') return;
    this.subscriber.subscribe(topic).catch((error: unknown) => this.warn(error, 'subscribe'));
  }

  private receive(topic: string, message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn({ topic }, 'unreadable event on Redis ignored');
      return;
    }
    if (envelope.origin === this.origin) return;
    this.local.dispatchEvent(new CustomEvent(topic, { detail: envelope.detail }));
  }

  private warn(error: unknown, action: string): void {
    this.logger.warn({ err: error, action }, 'Redis fan-out command failed; local subscribers still get the event');
  }
}

/**
 * Connects in the background and reconnects for ever (ioredis' default back-off, at most
 * 2 s apart); without an offline queue a command while Redis is down fails at once instead
 * of piling up. An outage is logged once, and its end once.
 */
function connect(redisUrl: string, role: string, logger: Logger): Redis {
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error, role }, 'Redis is unreachable; events reach this instance only until it is back');
  });
  client.on('ready', () => {
    if (down) logger.info({ role }, 'Redis is reachable again');
    down = false;
  });
  return client;
}
