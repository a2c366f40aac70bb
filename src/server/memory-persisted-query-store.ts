import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { PersistedQueryLimits } from '../config/config';
import type { PersistedQueryRegistration, PersistedQueryStore, RegistrationOutcome } from './persisted-query-store';

/** A user's new registrations in the period that began with the first of them. */
interface UserQuota {
  used: number;
  resetsAt: number;
}

/**
 * Automatic persisted queries of one process (no REDIS_URL). Apollo's InMemoryLRUCache holds
 * at most `maxEntries` documents (and, its own bound, 30 Mi characters of them): past either,
 * the least recently used goes, which needs no coordination with anyone. Quotas are counted
 * for the `maxEntries` users who registered most recently; a forgotten user starts afresh.
 */
export class MemoryPersistedQueryStore implements PersistedQueryStore {
  private readonly documents: InMemoryLRUCache<string>;
  private readonly quotas: InMemoryLRUCache<UserQuota>;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: PersistedQueryLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.documents = new InMemoryLRUCache<string>({ max: limits.maxEntries });
    this.quotas = new InMemoryLRUCache<UserQuota>({ max: limits.maxEntries });
  }

  get(hash: string): Promise<string | undefined> {
    return this.documents.get(hash);
  }

  register(registration: PersistedQueryRegistration): Promise<RegistrationOutcome> {
    // One at a time: the caches answer asynchronously, and two registrations interleaved
    // between a quota's read and its write would both pass it.
    const outcome = this.previous.then(() => this.registerInTurn(registration));
    this.previous = outcome;
    return outcome;
  }

  private async registerInTurn({ hash, document, userId }: PersistedQueryRegistration): Promise<RegistrationOutcome> {
    if ((await this.documents.get(hash)) === undefined) {
      const now = this.now();
      const current = await this.quotas.get(userId);
      const quota = current && current.resetsAt > now ? current : { used: 0, resetsAt: now + this.limits.ttlSeconds * 1000 };
      if (quota.used >= this.limits.registrationsPerUser) return 'over-user-quota';
      await this.quotas.set(userId, { ...quota, used: quota.used + 1 });
    }
    await this.documents.set(hash, document, { ttl: this.limits.ttlSeconds });
    return 'kept';
  }

  async close(): Promise<void> {
    this.documents.clear();
    this.quotas.clear();
  }
}
