import { badUserInput } from '../errors/domain-error';
import { isOpaqueId } from './opaque-id';

/** A position in the newest-first (date, id) order of transactions. */
export interface TransactionKey {
  date: string;
  id: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Opaque to clients (base64url), so the keyset can change without breaking them. */
export function encodeTransactionCursor(key: TransactionKey): string {
  return Buffer.from(`${key.date}|${key.id}`, 'utf8').toString('base64url');
}

/** BAD_USER_INPUT for anything this gateway did not hand out; it never reaches SQL unchecked. */
export function decodeTransactionCursor(cursor: string): TransactionKey {
  const [date, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !date || !id || !DATE.test(date) || Number.isNaN(Date.parse(date)) || !isOpaqueId(id)) {
    throw badUserInput('"after" is not a cursor this API returned', 'after');
  }
  return { date, id };
}
