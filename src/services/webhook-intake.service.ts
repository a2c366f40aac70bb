import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue';
import type { VerifiedWebhook } from '../plaid/webhook-verifier';

export type IntakeOutcome = 'accepted' | 'duplicate';

export interface WebhookPayload {
  webhook_type: string;
  webhook_code: string;
  item_id?: string;
  [field: string]: unknown;
}

/**
 * Records a verified webhook exactly once, then leaves the work to the durable queue so the
 * endpoint answers in milliseconds (invariant 2). Plaid re-sends the same bytes when it
 * retries, and the emulator can deliver twice, so the dedupe key is the body's hash.
 */
export class WebhookIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async receive(rawBody: Buffer, verified: VerifiedWebhook, payload: WebhookPayload): Promise<{ outcome: IntakeOutcome; eventId: string }> {
    const dedupeKey = createHash('sha256').update(rawBody).digest('hex');
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, item_id, payload, issued_at)
       VALUES ($1, $2, $3, $4::text, (SELECT id FROM items WHERE plaid_item_id = $4::text), $5::jsonb, $6)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [dedupeKey, payload.webhook_type, payload.webhook_code, payload.item_id ?? null, rawBody.toString('utf8'), verified.issuedAt],
    );
    if (inserted.length === 1) {
      await this.jobs.enqueueWebhook({ webhookEventId: inserted[0].id });
      return { outcome: 'accepted', eventId: inserted[0].id };
    }
    // Seen before. If its job was never queued (a crash between the two writes), queue it now.
    const [existing]: Array<{ id: string; outcome: string }> = await this.dataSource.query('SELECT id, outcome FROM webhook_events WHERE dedupe_key = $1', [dedupeKey]);
    if (existing.outcome === 'PENDING') await this.jobs.enqueueWebhook({ webhookEventId: existing.id });
    return { outcome: 'duplicate', eventId: existing.id };
  }
}
