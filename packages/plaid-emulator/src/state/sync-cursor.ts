import { EmulatedPlaidError } from '../errors/plaid-error';

/**
 * Where a `/transactions/sync` client stands in an Item's change stream. `start` is the
 * position the current pagination began at, `position` how far it has read, and
 * `snapshot` the stream length the pagination is reading; a finished cursor has all
 * three equal. Encoded opaquely, as Plaid's are.
 */
export interface SyncCursor {
  itemTag: string;
  start: number;
  position: number;
  snapshot: number;
}

const VERSION = 1;

export function itemCursorTag(itemId: string): string {
  return itemId.slice(0, 10);
}

export function encodeSyncCursor(cursor: SyncCursor): string {
  const payload = [VERSION, cursor.itemTag, cursor.start, cursor.position, cursor.snapshot].join(':');
  return Buffer.from(payload, 'utf8').toString('base64url');
}

function invalidCursor(): EmulatedPlaidError {
  return EmulatedPlaidError.of('INVALID_FIELD', {
    message: 'cursor must be a valid cursor returned by /transactions/sync for this access_token',
  });
}

/** Decodes a cursor the client sent and checks it belongs to this Item and still makes sense. */
export function decodeSyncCursor(encoded: string, itemId: string, streamLength: number): SyncCursor {
  const parts = Buffer.from(encoded, 'base64url').toString('utf8').split(':');
  if (parts.length !== 5 || parts[0] !== String(VERSION)) throw invalidCursor();
  const [, itemTag, start, position, snapshot] = parts;
  const numbers = [start, position, snapshot].map((text) => (/^\d+$/.test(text ?? '') ? Number(text) : NaN));
  const [s, p, n] = numbers as [number, number, number];
  if (itemTag !== itemCursorTag(itemId) || numbers.some(Number.isNaN) || !(s <= p && p <= n && n <= streamLength)) {
    throw invalidCursor();
  }
  return { itemTag, start: s, position: p, snapshot: n };
}
