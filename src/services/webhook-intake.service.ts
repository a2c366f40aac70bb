import { createHash } from 'node:crypto';
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

/** How long Plaid goes on retrying a webhook it could not deliver (24 hours), with an hour to spare. */
const PLAID_RETRY_HOURS = 25;

/** More webhooks than this waiting at once are written in several statements. */
const MAX_BATCH = 500;

/**
 * Records a verified webhook exactly once, and queues its job in the same transaction, so the
 * endpoint answers in milliseconds (invariant 2). Plaid re-sends the same bytes when it
 * retries (signed afresh), and the emulator can deliver twice, so the dedupe key is the body's
 * hash, for as long as Plaid may retry.
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
    const dedupeKey = createHash('sha256').update(rawBody).digest('hex');
    return this.batches.load({ dedupeKey, payload, rawBody, issuedAt: verified.issuedAt });
  }

  private async store(webhooks: readonly ArrivedWebhook[]): Promise<IntakeResult[]> {
    const results = await this.dataSource.transaction(async (manager) => {
      const accepted = await this.insert(manager, webhooks);
      const seenBefore = [...new Set(webhooks.map((webhook) => webhook.dedupeKey).filter((key) => !accepted.has(key)))];
      let existing: Array<{ id: string; dedupe_key: string; outcome: string; beyond_retries: boolean }> =
        seenBefore.length === 0
          ? []
          : await manager.query(
              `SELECT id, dedupe_key, outcome, received_at < now() - interval '${PLAID_RETRY_HOURS} hours' AS beyond_retries FROM webhook_events WHERE dedupe_key = ANY($1)`,
              [seenBefore],
            );
      // Plaid retries a webhook for 24 hours with the same bytes. The same bytes after that are a new event (an Item
      // can break the same way twice); the earlier one keeps its row under a key of its own.
      const repeated = existing.filter((row) => row.beyond_retries);
      if (repeated.length > 0) {
        await manager.query(`UPDATE webhook_events SET dedupe_key = dedupe_key || '@' || id::text WHERE id = ANY($1::uuid[])`, [repeated.map((row) => row.id)]);
        const keys = new Set(repeated.map((row) => row.dedupe_key));
        for (const [key, id] of await this.insert(manager, webhooks.filter((webhook) => keys.has(webhook.dedupeKey)))) accepted.set(key, id);
        existing = existing.filter((row) => !row.beyond_retries);
      }
      // A redelivery of an event still pending queues it again: its earlier job may have used up its retries.
      const stillPending = existing.filter((row) => row.outcome === 'PENDING').map((row) => row.id);
      await this.jobs.enqueueWebhooksIn((text, values) => manager.query(text, values), [...accepted.values(), ...stillPending].map((webhookEventId) => ({ webhookEventId })));

      const known = new Map(existing.map((row) => [row.dedupe_key, row.id]));
      return webhooks.map((webhook): IntakeResult => {
        const id = accepted.get(webhook.dedupeKey);
        if (id === undefined) return { outcome: 'duplicate', eventId: known.get(webhook.dedupeKey)! };
        // The same body twice in one batch: the first is the event, the second its duplicate.
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
