import { decodeSyncCursor, encodeSyncCursor, itemCursorTag } from '../../../src/state/sync-cursor';

const ITEM = 'ItemCursorTest00000000000000000000000';

it('round-trips an opaque cursor', () => {
  const cursor = { itemTag: itemCursorTag(ITEM), start: 10, position: 510, snapshot: 900 };
  const encoded = encodeSyncCursor(cursor);
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeSyncCursor(encoded, ITEM, 900)).toEqual(cursor);
});

it.each([
  ['another Item', encodeSyncCursor({ itemTag: itemCursorTag('OtherItem'), start: 0, position: 0, snapshot: 0 }), 10],
  ['a position past its snapshot', encodeSyncCursor({ itemTag: itemCursorTag(ITEM), start: 0, position: 5, snapshot: 4 }), 10],
  ['a snapshot past the stream', encodeSyncCursor({ itemTag: itemCursorTag(ITEM), start: 0, position: 0, snapshot: 11 }), 10],
  ['garbage', 'bm90IGEgY3Vyc29y', 10],
])('refuses %s', (_what, encoded, length) => {
  expect(() => decodeSyncCursor(encoded, ITEM, length)).toThrow(
    expect.objectContaining({ body: expect.objectContaining({ error_code: 'INVALID_FIELD' }) }),
  );
});
