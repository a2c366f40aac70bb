import type { DataSource } from 'typeorm';

export interface PruneCounts {
  events: number;
  changes: number;
  webhookEvents: number;
}

export interface StreamRetentionServiceDependencies {
  dataSource: DataSource;
  retentionDays: number;
  /** FAILED webhook records are kept this long instead: they are what an operator looks into. */
  failedWebhookRetentionDays: number;
}

/**
 * Keeps `retentionDays` of events, transaction changes and webhook records (FAILED webhooks
 * `failedWebhookRetentionDays`; PENDING ones until they settle). Each stream
 * remembers the last position it lost, so a cursor from before it is refused as expired
 * rather than silently skipping what was pruned.
 */
export class StreamRetentionService {
  constructor(private readonly deps: StreamRetentionServiceDependencies) {}

  async prune(): Promise<PruneCounts> {
    const [row]: Array<{ events: number; changes: number; webhook_events: number }> = await this.deps.dataSource.query(
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
      [this.deps.retentionDays, this.deps.failedWebhookRetentionDays],
    );
    return { events: row.events, changes: row.changes, webhookEvents: row.webhook_events };
  }
}
