import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export const QueueName = {
  TransactionsSync: 'transactions-sync',
  WebhookEvent: 'webhook-event',
  SyncSweep: 'sync-sweep',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs carry the gateway's own ids, never a token. */
export interface SyncJobData {
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

/**
 * Durable jobs on pg-boss, in its own schema of the gateway's database. A sync job is keyed
 * by Item in a `short` queue: at most one waits per Item, so a burst of webhooks coalesces
 * into one sync (a sync already running still gets one follow-up, for changes it missed).
 */
export class JobQueue {
  private readonly workers = new Map<QueueName, string>();

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
    await boss.createQueue(QueueName.TransactionsSync, { name: QueueName.TransactionsSync, policy: 'short', retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInMinutes: 15 });
    await boss.createQueue(QueueName.WebhookEvent, { name: QueueName.WebhookEvent, policy: 'standard', retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInMinutes: 5 });
    await boss.createQueue(QueueName.SyncSweep, { name: QueueName.SyncSweep, policy: 'short', retryLimit: 0, expireInMinutes: 5 });
    await boss.schedule(QueueName.SyncSweep, options.sweepCron, {}, { singletonKey: 'sweep' });
    return new JobQueue(boss, options.logger);
  }

  /** False when a sync for this Item is already waiting: the waiting one will see the same changes. */
  async enqueueSync(data: SyncJobData): Promise<boolean> {
    const id = await this.boss.send(QueueName.TransactionsSync, data, { singletonKey: data.itemId });
    this.wake(QueueName.TransactionsSync);
    return id !== null;
  }

  async enqueueWebhook(data: WebhookJobData): Promise<void> {
    await this.boss.send(QueueName.WebhookEvent, data, { singletonKey: data.webhookEventId });
    this.wake(QueueName.WebhookEvent);
  }

  async work<T extends object>(queue: QueueName, handler: Handler<T>, concurrency = 1): Promise<void> {
    const id = await this.boss.work<T>(queue, { batchSize: concurrency, pollingIntervalSeconds: 2 }, async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            await handler(job.data);
          } catch (error) {
            this.logger.warn({ err: error, queue, jobId: job.id }, 'job failed; pg-boss will retry it');
            throw error;
          }
        }),
      );
    });
    this.workers.set(queue, id);
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
    const id = this.workers.get(queue);
    if (id) this.boss.notifyWorker(id);
  }
}
