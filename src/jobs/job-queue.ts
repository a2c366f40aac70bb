import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { WEBHOOK_RETRY_SCHEDULE } from './webhook-retry-schedule';
import { ExpectedRetry } from './expected-retry';

export const QueueName = {
  TransactionsSync: 'transactions-sync',
  WebhookEvent: 'webhook-event',
  /** Webhook jobs that used up their retries (pg-boss's dead letter queue for WebhookEvent). */
  WebhookEventFailed: 'webhook-event-failed',
  SyncSweep: 'sync-sweep',
  StreamRetention: 'stream-retention',
  RecurringRefresh: 'recurring-refresh',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs carry the gateway's own ids, never a token. */
export interface SyncJobData {
  itemId: string;
  reason: string;
}

export interface RecurringRefreshJobData {
  itemId: string;
  reason: string;
}

export interface WebhookJobData {
  webhookEventId: string;
}

export interface JobQueueOptions {
  databaseUrl: string;
  schema: string;
  logger: Logger;
  /** Cron for the sweep that syncs Items a webhook may have missed. */
  sweepCron: string;
}

type Handler<T> = (data: T) => Promise<void>;
/** Acts on a batch of jobs; answers the errors of those that failed, by position. The rest complete. */
type BatchHandler<T> = (batch: T[]) => Promise<Map<number, unknown>>;

/** Runs SQL in the caller's transaction, so a job is queued if and only if that transaction commits. */
export type TransactionSql = (text: string, values: unknown[]) => Promise<unknown[]>;

/** pg-boss's insert options that write its jobs through the caller's transaction. */
const inTransaction = (sql: TransactionSql) => ({
  db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await sql(text, values) }) },
});

/**
 * Durable jobs on pg-boss, in its own schema of the gateway's database. A sync job is keyed
 * by Item in a `short` queue: at most one waits per Item, so a burst of webhooks coalesces
 * into one sync (a sync already running still gets one follow-up, for changes it missed).
 */
export class JobQueue {
  private readonly workers = new Map<QueueName, string[]>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async start(options: JobQueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema,
      application_name: 'plaid-graphql-gateway-jobs',
      max: 10,
    });
    boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    await boss.createQueue(QueueName.TransactionsSync, {
      name: QueueName.TransactionsSync,
      policy: 'short',
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInMinutes: 15,
    });
    // A dead letter queue must exist before the queue naming it.
    await boss.createQueue(QueueName.WebhookEventFailed, {
      name: QueueName.WebhookEventFailed,
      policy: 'standard',
      retryLimit: 10,
      retryDelay: 10,
      retryBackoff: true,
      expireInMinutes: 5,
    });
    const webhookQueue = {
      name: QueueName.WebhookEvent,
      policy: 'standard',
      retryLimit: WEBHOOK_RETRY_SCHEDULE.retryLimit,
      retryDelay: WEBHOOK_RETRY_SCHEDULE.retryDelaySeconds,
      retryBackoff: WEBHOOK_RETRY_SCHEDULE.retryBackoff,
      expireInMinutes: 5,
      // A job out of retries (or expired on its last) lands there, and its webhook is marked FAILED.
      deadLetter: QueueName.WebhookEventFailed,
    } as const;
    await boss.createQueue(QueueName.WebhookEvent, webhookQueue);
    // createQueue leaves an existing queue as it was: a database from before the dead letter queue gets it here.
    await boss.updateQueue(QueueName.WebhookEvent, webhookQueue);
    await boss.createQueue(QueueName.SyncSweep, { name: QueueName.SyncSweep, policy: 'short', retryLimit: 0, expireInMinutes: 5 });
    await boss.schedule(QueueName.SyncSweep, options.sweepCron, {}, { singletonKey: 'sweep' });
    await boss.createQueue(QueueName.StreamRetention, {
      name: QueueName.StreamRetention,
      policy: 'short',
      retryLimit: 2,
      retryDelay: 600,
      expireInMinutes: 60,
    });
    // Stately, keyed by Item: at most one refresh waits and one runs per Item, so a burst of syncs and webhooks coalesces.
    await boss.createQueue(QueueName.RecurringRefresh, {
      name: QueueName.RecurringRefresh,
      policy: 'stately',
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInMinutes: 5,
    });
    // Daily, off the hour most schedules use.
    await boss.schedule(QueueName.StreamRetention, '17 3 * * *', {}, { singletonKey: 'retention' });
    return new JobQueue(boss, options.logger);
  }

  /** False when a sync for this Item is already waiting: the waiting one will see the same changes. */
  async enqueueSync(data: SyncJobData): Promise<boolean> {
    const id = await this.boss.send(QueueName.TransactionsSync, data, { singletonKey: data.itemId });
    this.wake(QueueName.TransactionsSync);
    return id !== null;
  }

  /** Many at once; an Item with a sync already waiting gets no second one. */
  async enqueueSyncs(data: SyncJobData[]): Promise<void> {
    if (data.length === 0) return;
    await this.boss.insert(data.map((job) => ({ name: QueueName.TransactionsSync, data: job, singletonKey: job.itemId })));
    this.wake(QueueName.TransactionsSync);
  }

  /** Recurring stream refreshes, one waiting per Item at most. */
  async enqueueRecurringRefreshes(data: RecurringRefreshJobData[]): Promise<void> {
    if (data.length === 0) return;
    await this.boss.insert(data.map((job) => ({ name: QueueName.RecurringRefresh, data: job, singletonKey: job.itemId })));
    this.wake(QueueName.RecurringRefresh);
  }

  /** A refresh queued inside the caller's transaction (a sync's write); call `wakeRecurringRefresh` once it has committed. */
  async enqueueRecurringRefreshIn(sql: TransactionSql, data: RecurringRefreshJobData): Promise<void> {
    await this.boss.insert([{ name: QueueName.RecurringRefresh, data, singletonKey: data.itemId }], inTransaction(sql));
  }

  wakeRecurringRefresh(): void {
    this.wake(QueueName.RecurringRefresh);
  }

  /** Queues webhook jobs inside the caller's transaction; call `wakeWebhookWorker` once it has committed. */
  async enqueueWebhooksIn(sql: TransactionSql, data: WebhookJobData[]): Promise<void> {
    if (data.length === 0) return;
    await this.boss.insert(
      data.map((job) => ({ name: QueueName.WebhookEvent, data: job, singletonKey: job.webhookEventId })),
      inTransaction(sql),
    );
  }

  wakeWebhookWorker(): void {
    this.wake(QueueName.WebhookEvent);
  }

  /**
   * Up to `concurrency` jobs at a time, each on its own: that many pg-boss workers of one job
   * each (pg-boss 10 has no local concurrency, and one worker's batch is finished only when its
   * slowest job is, so a batch would let one slow job stall the others). A job's failure
   * retries that job only.
   */
  async work<T extends object>(queue: QueueName, handler: Handler<T>, concurrency = 1): Promise<void> {
    for (let worker = 0; worker < concurrency; worker += 1) {
      await this.workBatches<T>(
        queue,
        async ([data]) => {
          const failures = new Map<number, unknown>();
          await handler(data).catch((error: unknown) => void failures.set(0, error));
          return failures;
        },
        1,
      );
    }
  }

  /** Batches of up to `batchSize` jobs to one handler, for work that is cheaper done together. */
  async workBatches<T extends object>(queue: QueueName, handler: BatchHandler<T>, batchSize: number): Promise<void> {
    const id = await this.boss.work<T>(queue, { batchSize, pollingIntervalSeconds: 2 }, async (jobs) => {
      const failures = await handler(jobs.map((job) => job.data));
      // pg-boss completes the batch once this returns; a job failed here first is left to its retry policy.
      for (const [index, error] of failures) {
        const job = jobs[index];
        if (error instanceof ExpectedRetry) this.logger.info({ queue, jobId: job.id, reason: error.message }, 'job will be retried');
        else this.logger.warn({ err: error, queue, jobId: job.id }, 'job failed; pg-boss will retry it');
        await this.boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
      }
    });
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), id]);
  }

  /** Jobs waiting to run, per queue (a metric). */
  async depth(): Promise<Record<QueueName, number>> {
    const queues = Object.values(QueueName);
    const sizes = await Promise.all(queues.map((queue) => this.boss.getQueueSize(queue)));
    return Object.fromEntries(queues.map((queue, index) => [queue, sizes[index]])) as Record<QueueName, number>;
  }

  /** Waits for running jobs (within the shutdown budget) and closes the pool. */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }

  /** A local worker fetches at once instead of at its next poll: webhooks act in milliseconds. */
  private wake(queue: QueueName): void {
    for (const id of this.workers.get(queue) ?? []) this.boss.notifyWorker(id);
  }
}
