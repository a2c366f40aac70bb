import type { WebhookProcessor } from '../services/webhook-processor.service';
import type { WebhookJobData } from './job-queue';

/** Runs a stored webhook through the processor; a failure is retried by pg-boss, the event staying PENDING. */
export function webhookJobHandler(processor: WebhookProcessor): (data: WebhookJobData) => Promise<void> {
  return ({ webhookEventId }) => processor.process(webhookEventId);
}
