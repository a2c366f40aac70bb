import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import type { Services } from '../services/services';
import { QueueName, type JobQueue } from '../jobs/job-queue';
import { recurringRefreshHandler } from './recurring-refresh.handler';
import { syncJobHandler } from './sync-job.handler';
import { streamRetentionHandler } from './stream-retention.handler';
import { syncSweepHandler } from './sync-sweep.handler';
import { webhookDeadLetterHandler, webhookJobHandler } from './webhook-job.handler';

/** Stored webhooks acted on per job fetch: a burst costs a few statements per batch rather than per webhook. */
const WEBHOOK_BATCH = 100;

/** This instance's workers for every queue. */
export async function startJobWorkers(jobs: JobQueue, services: Services, config: AppConfig, logger: Logger): Promise<void> {
  // As many sync workers as the instance runs syncs at once (SYNC_CONCURRENCY): each takes its own job.
  await jobs.work(QueueName.TransactionsSync, syncJobHandler(services.sync, logger), config.sync.concurrency);
  await jobs.work(QueueName.SyncSweep, syncSweepHandler(services.items, jobs, config.jobs.staleAfterMinutes, logger));
  await jobs.workBatches(QueueName.WebhookEvent, webhookJobHandler(services.webhookProcessor), WEBHOOK_BATCH);
  await jobs.workBatches(QueueName.WebhookEventFailed, webhookDeadLetterHandler(services.webhookProcessor), WEBHOOK_BATCH);
  await jobs.work(QueueName.RecurringRefresh, recurringRefreshHandler(services.recurringStreams, logger), config.sync.concurrency);
  await jobs.work(QueueName.StreamRetention, streamRetentionHandler(services.retention, logger));
}
