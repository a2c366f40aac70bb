import { DomainError } from '../errors/domain-error';

export interface SyncQueueLimits {
  /** Syncs running at once in this process. */
  concurrency: number;
  /** Of those, at most this many of one user's Items. */
  concurrencyPerUser: number;
}

interface Waiter {
  userId: string;
  itemId: string;
  start: () => void;
}

/**
 * The turns of this process's syncs, in memory: a sync waits here, holding nothing (no pooled
 * connection, no lock), until it may run. One sync per Item runs at a time in the process (a
 * second one would read the same pages and lose the cursor's compare-and-set; waiting, it reads
 * from the first one's cursor). Turns go in arrival order, except that a waiter whose user is at
 * their limit, or whose Item is syncing, is passed over for the next, so one user's many Items
 * cannot hold up the others.
 */
export class SyncQueue {
  private running = 0;
  private readonly runningByUser = new Map<string, number>();
  private readonly runningItems = new Set<string>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: SyncQueueLimits) {}

  /**
   * Runs `work` in its turn. With `maxWaitMs`, a turn that has not come by then ends the wait in
   * SERVICE_UNAVAILABLE (a user is waiting; a queued job just waits its turn).
   */
  async run<T>(userId: string, itemId: string, work: () => Promise<T>, maxWaitMs?: number): Promise<T> {
    await this.turn(userId, itemId, maxWaitMs);
    try {
      return await work();
    } finally {
      this.release(userId, itemId);
    }
  }

  /** Syncs waiting for a turn (a metric, and what tests observe). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  get runningCount(): number {
    return this.running;
  }

  private turn(userId: string, itemId: string, maxWaitMs: number | undefined): Promise<void> {
    // Every waiter is one a release found unable to start (its user at the limit, its Item syncing, or no turn free), so starting now passes no one.
    if (this.mayStart(userId, itemId)) {
      this.take(userId, itemId);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        userId,
        itemId,
        start: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiting.push(waiter);
      if (maxWaitMs !== undefined) {
        timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(
            new DomainError('SERVICE_UNAVAILABLE', 'Too many syncs are running; retry shortly', {
              retryAfterSeconds: Math.max(1, Math.ceil(maxWaitMs / 1000)),
            }),
          );
        }, maxWaitMs);
      }
    });
  }

  private mayStart(userId: string, itemId: string): boolean {
    return (
      this.running < this.limits.concurrency &&
      (this.runningByUser.get(userId) ?? 0) < this.limits.concurrencyPerUser &&
      !this.runningItems.has(itemId)
    );
  }

  private take(userId: string, itemId: string): void {
    this.running += 1;
    this.runningItems.add(itemId);
    this.runningByUser.set(userId, (this.runningByUser.get(userId) ?? 0) + 1);
  }

  private release(userId: string, itemId: string): void {
    this.running -= 1;
    this.runningItems.delete(itemId);
    const left = (this.runningByUser.get(userId) ?? 1) - 1;
    if (left === 0) this.runningByUser.delete(userId);
    else this.runningByUser.set(userId, left);
    // The freed turn goes to the first waiter allowed to run: its own user's or Item's next, or another's.
    for (let index = 0; index < this.waiting.length && this.running < this.limits.concurrency;) {
      const waiter = this.waiting[index];
      if (!this.mayStart(waiter.userId, waiter.itemId)) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      this.take(waiter.userId, waiter.itemId);
      waiter.start();
    }
  }
}
