import { DomainError } from '../../../src/errors/domain-error';
import { decodeTransactionCursor, encodeTransactionCursor } from '../../../src/services/transaction-cursor';

describe('transaction cursors', () => {
  const key = { date: '2026-11-21', id: '0b7e5a52-6a43-4d4e-9a1b-2f6c1c9e8d10' };

  it('round-trips the (date, id) key through an opaque base64url string', () => {
    const cursor = encodeTransactionCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(key.id);
    expect(decodeTransactionCursor(cursor)).toEqual(key);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['an empty string', ''],
    ['a bad date', Buffer.from(`2026-13-45|${key.id}`).toString('base64url')],
    ['a non-id', Buffer.from("2026-11-21|1' OR '1'='1").toString('base64url')],
    ['extra parts', Buffer.from(`2026-11-21|${key.id}|x`).toString('base64url')],
  ])('refuses %s as BAD_USER_INPUT on "after"', (_name, cursor) => {
    let thrown: unknown;
    try {
      decodeTransactionCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'after' } });
  });
});
