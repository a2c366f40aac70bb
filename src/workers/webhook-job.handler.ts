import type { WebhookProcessor } from '../services/webhook-processor.service';
import type { WebhookJobData } from '../jobs/job-queue';

/** Runs a batch of stored webhooks through the processor; a failed one is retried by pg-boss, its event staying PENDING. */
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
