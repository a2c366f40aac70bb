import type { WebhookProcessor } from '../services/webhook-processor.service';
import type { WebhookJobData } from '../jobs/job-queue';

/**
 * Runs a batch of stored webhooks through the processor; a failed one is retried by pg-boss, its
 * event staying PENDING (with its error) until a retry succeeds or the last one fails (FAILED).
 */
export function webhookJobHandler(processor: WebhookProcessor): (batch: WebhookJobData[]) => Promise<Map<number, unknown>> {
  return async (batch) => {
    const failures = await processor.processBatch(batch.map((job) => job.webhookEventId));
    const failed = new Map<number, unknown>();
    batch.forEach((job, index) => {
      if (failures.has(job.webhookEventId)) failed.set(index, failures.get(job.webhookEventId));
    });
    return failed;
  };
}

/** Webhook jobs out of retries (the dead letter queue): their webhooks become FAILED. */
export function webhookDeadLetterHandler(processor: WebhookProcessor): (batch: WebhookJobData[]) => Promise<Map<number, unknown>> {
  return async (batch) => {
    await processor.giveUp(batch.map((job) => job.webhookEventId));
    return new Map();
  };
}
