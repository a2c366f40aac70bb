import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput, cursorExpired } from '../errors/domain-error';
import { decodeStreamCursor, type StreamPosition } from './stream-cursor';

export interface StreamState {
  streamKey: string;
  lastSequence: number;
  prunedThrough: number;
}

/** The user's stream, made on first use so that even a user with nothing yet gets a cursor. */
export async function streamOf(db: DataSource | EntityManager, userId: string): Promise<StreamState> {
  const rows: Array<{ stream_key: string; last_sequence: string; pruned_through: string }> = await db.query(
    `WITH made AS (INSERT INTO event_streams (user_id, stream_key) VALUES ($1, gen_random_uuid()) ON CONFLICT (user_id) DO NOTHING RETURNING stream_key, last_sequence, pruned_through)
     SELECT stream_key, last_sequence, pruned_through FROM made
     UNION ALL SELECT stream_key, last_sequence, pruned_through FROM event_streams WHERE user_id = $1`,
    [userId],
  );
  const [row] = rows;
  return { streamKey: row.stream_key, lastSequence: Number(row.last_sequence), prunedThrough: Number(row.pruned_through) };
}

/**
 * The caller's position for a cursor they pass. Another user's cursor, or one this stream
 * never reached, is invalid input and says nothing more; one from before what retention
 * kept is CURSOR_EXPIRED.
 */
export async function positionOf(
  db: DataSource | EntityManager,
  userId: string,
  cursor: string,
  field: string,
): Promise<{ position: StreamPosition; stream: StreamState }> {
  const decoded = decodeStreamCursor(cursor, field);
  const stream = await streamOf(db, userId);
  const furthest = decoded.resume && 'afterSequence' in decoded.resume ? decoded.resume.afterSequence : decoded.sequence;
  if (decoded.streamKey !== stream.streamKey || furthest > stream.lastSequence)
    throw badUserInput(`"${field}" is not a cursor this API returned`, field);
  if (decoded.sequence < stream.prunedThrough) throw cursorExpired(field);
  return { position: { sequence: decoded.sequence, resume: decoded.resume }, stream };
}
