/**
 * The one place a user's stream positions are handed out. A CTE named `stream` reserving, for
 * each row of the CTE `counts` (columns `user_id`, `n`), `n` positions in that user's stream:
 * they are `stream.before + 1` to `stream.before + n`. The rows are locked in user order (two
 * batches never wait on each other in a circle) and stay locked until commit, so a user's
 * positions commit in the order they were handed out.
 */
export function reservePositions(counts: string): string {
  return `reserved AS (
    INSERT INTO event_streams (user_id, stream_key, last_sequence) SELECT user_id, gen_random_uuid(), n FROM ${counts} ORDER BY user_id
    ON CONFLICT (user_id) DO UPDATE SET last_sequence = event_streams.last_sequence + EXCLUDED.last_sequence
    RETURNING user_id, last_sequence, stream_key
  ), stream AS (
    SELECT reserved.user_id, reserved.last_sequence - ${counts}.n AS before, reserved.stream_key FROM reserved JOIN ${counts} USING (user_id)
  )`;
}
