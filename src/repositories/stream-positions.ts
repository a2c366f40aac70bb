/**
 * A CTE named `stream` reserving `count` positions in one user's stream: they are
 * `stream.before + 1` to `stream.before + count`. The row stays locked until commit, so the
 * user's positions commit in the order they were handed out.
 */
export function reservePositions(userParameter: string, count: string): string {
  return `stream AS (
    INSERT INTO event_streams (user_id, stream_key, last_sequence) VALUES (${userParameter}, gen_random_uuid(), ${count})
    ON CONFLICT (user_id) DO UPDATE SET last_sequence = event_streams.last_sequence + EXCLUDED.last_sequence
    RETURNING last_sequence - ${count} AS before, stream_key
  )`;
}
