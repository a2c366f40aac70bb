import { In, type DataSource, type EntityManager } from 'typeorm';
import { WebhookEventEntity, WebhookOutcome } from '../entities/webhook-event.entity';

/** A webhook as it arrived, verified, to be stored once by its delivery id. */
export interface ArrivingWebhook {
  dedupeKey: string;
  webhookType: string;
  webhookCode: string;
  plaidItemId: string | null;
  /** The raw body, stored as jsonb. */
  payload: string;
  issuedAt: Date | null;
}

export interface SettledWebhook {
  eventId: string;
  outcome: WebhookOutcome;
  note: string | null;
  itemId: string | null;
}

/** Why an attempt at a webhook failed, or why it was given up. */
export interface WebhookFailure {
  eventId: string;
  error: string;
}

/** Webhooks not acted on yet (retries may remain) and given up (retries used up), now. */
export interface UnsettledWebhookCounts {
  pending: number;
  failed: number;
}

/** The webhook_events table: each webhook stored once (dedupe key), then settled. */
export class WebhookEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The webhooks not stored before, by dedupe key; received_at keeps their order (a microsecond apart). */
  async insertNew(db: EntityManager, webhooks: readonly ArrivingWebhook[]): Promise<Map<string, string>> {
    const inserted: Array<{ id: string; dedupe_key: string }> = await db.query(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, item_id, payload, issued_at, received_at)
       SELECT w.dedupe_key, w.webhook_type, w.webhook_code, w.plaid_item_id, items.id, w.payload, w.issued_at, now() + (w.arrival - 1) * interval '1 microsecond'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[]) WITH ORDINALITY
              AS w (dedupe_key, webhook_type, webhook_code, plaid_item_id, payload, issued_at, arrival)
         LEFT JOIN items ON items.plaid_item_id = w.plaid_item_id
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, dedupe_key`,
      [
        webhooks.map((webhook) => webhook.dedupeKey),
        webhooks.map((webhook) => webhook.webhookType),
        webhooks.map((webhook) => webhook.webhookCode),
        webhooks.map((webhook) => webhook.plaidItemId),
        webhooks.map((webhook) => webhook.payload),
        webhooks.map((webhook) => webhook.issuedAt),
      ],
    );
    return new Map(inserted.map((row) => [row.dedupe_key, row.id]));
  }

  async findByDedupeKeys(
    db: EntityManager,
    dedupeKeys: string[],
  ): Promise<Array<{ id: string; dedupeKey: string; outcome: WebhookOutcome }>> {
    if (dedupeKeys.length === 0) return [];
    const rows: Array<{ id: string; dedupe_key: string; outcome: WebhookOutcome }> = await db.query(
      'SELECT id, dedupe_key, outcome FROM webhook_events WHERE dedupe_key = ANY($1)',
      [dedupeKeys],
    );
    return rows.map((row) => ({ id: row.id, dedupeKey: row.dedupe_key, outcome: row.outcome }));
  }

  /** Those of these events still pending, oldest first. */
  findPending(eventIds: string[]): Promise<WebhookEventEntity[]> {
    return this.dataSource
      .getRepository(WebhookEventEntity)
      .find({ where: { id: In(eventIds), outcome: WebhookOutcome.PENDING }, order: { receivedAt: 'ASC' } });
  }

  /** Keeps why the last attempt failed on those still pending: a webhook waiting for its retry says why. */
  async recordAttemptErrors(failures: WebhookFailure[]): Promise<void> {
    if (failures.length === 0) return;
    await this.dataSource.query(
      `UPDATE webhook_events AS e SET error = u.error
         FROM unnest($1::uuid[], $2::text[]) AS u (id, error)
        WHERE e.id = u.id AND e.outcome = 'PENDING'`,
      [failures.map(({ eventId }) => eventId), failures.map(({ error }) => error)],
    );
  }

  /** FAILED for those still pending, with why, followed by their last attempt's error when they have one; answers how many changed. */
  async markFailed(failures: WebhookFailure[]): Promise<number> {
    if (failures.length === 0) return 0;
    const changed: Array<{ id: string }> = await this.dataSource.query(
      `UPDATE webhook_events AS e SET outcome = 'FAILED', error = u.error || coalesce(': ' || e.error, ''), processed_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS u (id, error)
        WHERE e.id = u.id AND e.outcome = 'PENDING'
       RETURNING e.id`,
      [failures.map(({ eventId }) => eventId), failures.map(({ error }) => error)],
    );
    return changed.length;
  }

  async countUnsettled(): Promise<UnsettledWebhookCounts> {
    const [row]: Array<{ pending: number; failed: number }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE outcome = 'PENDING')::int AS pending, count(*) FILTER (WHERE outcome = 'FAILED')::int AS failed
         FROM webhook_events WHERE outcome IN ('PENDING', 'FAILED')`,
    );
    return { pending: row.pending, failed: row.failed };
  }

  /** Records the outcome of each, in one statement. */
  async settle(settled: SettledWebhook[], db: EntityManager = this.dataSource.manager): Promise<void> {
    if (settled.length === 0) return;
    await db.query(
      `UPDATE webhook_events AS e SET outcome = u.outcome, error = u.error, item_id = u.item_id, processed_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS u (id, outcome, error, item_id)
        WHERE e.id = u.id`,
      [
        settled.map(({ eventId }) => eventId),
        settled.map(({ outcome }) => outcome),
        settled.map(({ note }) => note),
        settled.map(({ itemId }) => itemId),
      ],
    );
  }
}
