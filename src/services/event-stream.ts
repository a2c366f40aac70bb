import { badUserInput, cursorExpired } from '../errors/domain-error';
import type { EventStreamRepository, StreamRow } from '../repositories/event-stream.repository';
import { decodeStreamCursor, type StreamPosition } from './stream-cursor';

/**
 * The caller's position for a cursor they pass. Another user's cursor, or one this stream
 * never reached, is invalid input and says nothing more; one from before what retention
 * kept is CURSOR_EXPIRED.
 */
export async function positionOf(
  streams: EventStreamRepository,
  userId: string,
  cursor: string,
  field: string,
): Promise<{ position: StreamPosition; stream: StreamRow }> {
  const decoded = decodeStreamCursor(cursor, field);
  const stream = await streams.streamOf(userId);
  const furthest = decoded.resume && 'afterSequence' in decoded.resume ? decoded.resume.afterSequence : decoded.sequence;
  if (decoded.streamKey !== stream.streamKey || furthest > stream.lastSequence)
    throw badUserInput(`"${field}" is not a cursor this API returned`, field);
  if (decoded.sequence < stream.prunedThrough) throw cursorExpired(field);
  return { position: { sequence: decoded.sequence, resume: decoded.resume }, stream };
}
