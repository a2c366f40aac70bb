import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue';
import type { VerifiedWebhook } from '../plaid/webhook-verifier';

export type IntakeOutcome = 'accepted' | 'duplicate';

export interface WebhookPayload {
  webhook_type: string;
  webhook_code: string;
  item_id?: string;
  [field: string]: unknown;
}

interface ArrivedWebhook {
  dedupeKey: string;
  payload: WebhookPayload;
  rawBody: Buffer;
  issuedAt: Date;
}

interface IntakeResult {
  outcome: IntakeOutcome;
  eventId: string;
}

/** More webhooks than this waiting at once are written in several statements. */
const MAX_BATCH = 500;

/**
 * Records a verified webhook exactly once, and queues its job in the same transaction, so the
 * endpoint answers in milliseconds (invariant 2).
 *
 * A webhook is the same one when its signed token is (the dedupe key is the token's SHA-256):
 * that is a delivery repeated as it was (the emulator's duplicates, a proxy's replay). The
 * bytes are not enough, nor the bytes and the second they were signed in: Plaid sends the same
 * SYNC_UPDATES_AVAILABLE body every time there is something new, possibly twice a second, and
 * an Item can break twice with the same ITEM ERROR body. A retry of a delivery we could not
 * answer is signed afresh, so it is acted on again: syncs coalesce, and a status change is
 * ordered by its iat like any other.
 *
 * Webhooks that arrive while a write is under way wait for it and are then written together
 * (a group commit): under load a handful of statements serve dozens of webhooks, and a lone
 * webhook is written at once.
 */
export class WebhookIntakeService {
  private readonly batches: DataLoader<ArrivedWebhook, IntakeResult>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {
    this.batches = new DataLoader(
      (webhooks) => {
        const written = this.store(webhooks);
        this.writing = written.catch(() => undefined);
        return written;
      },
      { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (write) => void this.writing.then(() => setImmediate(write)) },
    );
  }

  receive(rawBody: Buffer, verified: VerifiedWebhook, payload: WebhookPayload): Promise<IntakeResult> {
    return this.batches.load({ dedupeKey: verified.deliveryId, payload, rawBody, issuedAt: verified.issuedAt });
  }

  private async store(webhooks: readonly ArrivedWebhook[]): Promise<IntakeResult[]> {
    const results = await this.dataSource.transaction(async (manager) => {
      const accepted = await this.insert(manager, webhooks);
      const seenBefore = [...new Set(webhooks.map((webhook) => webhook.dedupeKey).filter((key) => !accepted.has(key)))];
      const existing: Array<{ id: string; dedupe_key: string; outcome: string }> =
        seenBefore.length === 0 ? [] : await manager.query('SELECT id, dedupe_key, outcome FROM webhook_events WHERE dedupe_key = ANY($1)', [seenBefore]);
      // A redelivery of an event still pending queues it again: its earlier job may have used up its retries.
      const stillPending = existing.filter((row) => row.outcome === 'PENDING').map((row) => row.id);
      await this.jobs.enqueueWebhooksIn((text, values) => manager.query(text, values), [...accepted.values(), ...stillPending].map((webhookEventId) => ({ webhookEventId })));

      const known = new Map(existing.map((row) => [row.dedupe_key, row.id]));
      return webhooks.map((webhook): IntakeResult => {
        const id = accepted.get(webhook.dedupeKey);
        if (id === undefined) return { outcome: 'duplicate', eventId: known.get(webhook.dedupeKey)! };
        // The same delivery twice in one batch: the first is the event, the second its duplicate.
        accepted.delete(webhook.dedupeKey);
        known.set(webhook.dedupeKey, id);
        return { outcome: 'accepted', eventId: id };
      });
    });
    this.jobs.wakeWebhookWorker();
    return results;
  }

  /** The webhooks not stored before, by dedupe key; received_at keeps their order (a microsecond apart). */
  private async insert(manager: EntityManager, webhooks: readonly ArrivedWebhook[]): Promise<Map<string, string>> {
    const inserted: Array<{ id: string; dedupe_key: string }> = await manager.query(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, item_id, payload, issued_at, received_at)
       SELECT w.dedupe_key, w.webhook_type, w.webhook_code, w.plaid_item_id, items.id, w.payload, w.issued_at, now() + (w.arrival - 1) * interval '1 microsecond'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[]) WITH ORDINALITY
              AS w (dedupe_key, webhook_type, webhook_code, plaid_item_id, payload, issued_at, arrival)
         LEFT JOIN items ON items.plaid_item_id = w.plaid_item_id
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, dedupe_key`,
      [
        webhooks.map((webhook) => webhook.dedupeKey),
        webhooks.map((webhook) => webhook.payload.webhook_type),
        webhooks.map((webhook) => webhook.payload.webhook_code),
        webhooks.map((webhook) => webhook.payload.item_id ?? null),
        webhooks.map((webhook) => webhook.rawBody.toString('utf8')),
        webhooks.map((webhook) => webhook.issuedAt),
      ],
    );
    return new Map(inserted.map((row) => [row.dedupe_key, row.id]));
  }
}
