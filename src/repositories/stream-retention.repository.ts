import type { DataSource } from 'typeorm';

export interface PrunedCounts {
  events: number;
  changes: number;
  webhookEvents: number;
  /** Issued link tokens and sandbox public tokens past their use (see issued-link-token.entity.ts). */
  linkTokens: number;
}

interface PrunedDbRow {
  events: number;
  changes: number;
  webhook_events: number;
  link_tokens: number;
}

/** Deletes what is older than retention, and what was issued for linking and can no longer be used, in one statement. */
export class StreamRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Events, transaction changes and settled webhook records older than `days` (FAILED webhook
   * records older than `failedWebhookDays`); each stream remembers the last position it lost,
   * so a cursor from before it can be refused as expired. Issued link tokens and sandbox public
   * tokens go once no public token from them can be exchanged.
   */
  async pruneOlderThan(days: number, failedWebhookDays: number): Promise<PrunedCounts> {
    const [row]: PrunedDbRow[] = await this.dataSource.query(
      `WITH events AS (
         DELETE FROM stream_events WHERE created_at < now() - make_interval(days => $1) RETURNING user_id, sequence
       ), changes AS (
         DELETE FROM transaction_changes WHERE created_at < now() - make_interval(days => $1) RETURNING user_id, sequence
       ), webhooks AS (
         DELETE FROM webhook_events
          WHERE received_at < now() - make_interval(days => CASE WHEN outcome = 'FAILED' THEN $2 ELSE $1 END) AND outcome <> 'PENDING'
         RETURNING 1
       ), link_tokens AS (
         DELETE FROM issued_link_tokens WHERE exchangeable_until <= now() RETURNING 1
       ), public_tokens AS (
         DELETE FROM issued_public_tokens WHERE exchangeable_until <= now() RETURNING 1
       ), lost AS (
         SELECT user_id, max(sequence) AS through FROM (SELECT * FROM events UNION ALL SELECT * FROM changes) AS gone GROUP BY user_id
       ), marked AS (
         UPDATE event_streams s SET pruned_through = greatest(s.pruned_through, lost.through) FROM lost WHERE s.user_id = lost.user_id
       )
       SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM changes)::int AS changes, (SELECT count(*) FROM webhooks)::int AS webhook_events,
              ((SELECT count(*) FROM link_tokens) + (SELECT count(*) FROM public_tokens))::int AS link_tokens`,
      [days, failedWebhookDays],
    );
    return { events: row.events, changes: row.changes, webhookEvents: row.webhook_events, linkTokens: row.link_tokens };
  }
}
