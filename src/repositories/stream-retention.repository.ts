import type { DataSource } from 'typeorm';

export interface PrunedCounts {
  events: number;
  changes: number;
  webhookEvents: number;
}

interface PrunedDbRow {
  events: number;
  changes: number;
  webhook_events: number;
}

/** Deletes what is older than retention, in one statement. */
export class StreamRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Events, transaction changes and settled webhook records older than `days` (FAILED webhook
   * records older than `failedWebhookDays`); each stream remembers the last position it lost,
   * so a cursor from before it can be refused as expired.
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
       ), lost AS (
         SELECT user_id, max(sequence) AS through FROM (SELECT * FROM events UNION ALL SELECT * FROM changes) AS gone GROUP BY user_id
       ), marked AS (
         UPDATE event_streams s SET pruned_through = greatest(s.pruned_through, lost.through) FROM lost WHERE s.user_id = lost.user_id
       )
       SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM changes)::int AS changes, (SELECT count(*) FROM webhooks)::int AS webhook_events`,
      [days, failedWebhookDays],
    );
    return { events: row.events, changes: row.changes, webhookEvents: row.webhook_events };
  }
}
