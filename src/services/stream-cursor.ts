import { badUserInput } from '../errors/domain-error';
import { isOpaqueId } from './opaque-id';

/**
 * A position in a user's stream. A page of changes that stopped early also says where it
 * stopped (`resume`), while `sequence` stays where the client's copy was.
 */
export interface StreamPosition {
  sequence: number;
  resume?: { afterTransactionId: string } | { afterSequence: number };
}

export interface StreamCursor extends StreamPosition {
  streamKey: string;
}

const SEQUENCE = /^(0|[1-9]\d{0,15})$/;

/** A cursor's text before base64url: key, sequence, then the resume's kind and value, joined by this. The read planner writes it in SQL too. */
export const STREAM_CURSOR_SEPARATOR = '.';
export const RESUME_KIND = { afterTransactionId: 't', afterSequence: 's' } as const;

/** Opaque to clients (base64url); the stream's key ties it to its user. */
export function encodeStreamCursor({ streamKey, sequence, resume }: StreamCursor): string {
  const parts = [streamKey, String(sequence)];
  if (resume && 'afterTransactionId' in resume) parts.push(RESUME_KIND.afterTransactionId, resume.afterTransactionId);
  if (resume && 'afterSequence' in resume) parts.push(RESUME_KIND.afterSequence, String(resume.afterSequence));
  return Buffer.from(parts.join(STREAM_CURSOR_SEPARATOR), 'utf8').toString('base64url');
}

/** BAD_USER_INPUT for anything this gateway did not hand out. */
export function decodeStreamCursor(cursor: string, field: string): StreamCursor {
  const invalid = () => badUserInput(`"${field}" is not a cursor this API returned`, field);
  const [streamKey, sequence, kind, value, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(STREAM_CURSOR_SEPARATOR);
  if (rest.length > 0 || !streamKey || !isOpaqueId(streamKey) || !sequence || !SEQUENCE.test(sequence)) throw invalid();
  const position: StreamCursor = { streamKey, sequence: Number(sequence) };
  if (kind === undefined) return position;
  if (kind === RESUME_KIND.afterTransactionId && value && isOpaqueId(value)) return { ...position, resume: { afterTransactionId: value } };
  if (kind === RESUME_KIND.afterSequence && value && SEQUENCE.test(value) && Number(value) >= position.sequence)
    return { ...position, resume: { afterSequence: Number(value) } };
  throw invalid();
}
