import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../src/errors/domain-error';
import { decodeStreamCursor, encodeStreamCursor } from '../../../src/services/stream-cursor';

describe('stream cursors', () => {
  const streamKey = randomUUID();

  it.each([
    ['a position', { streamKey, sequence: 42 }],
    ['a walk stopped after a transaction', { streamKey, sequence: 42, resume: { afterTransactionId: randomUUID() } }],
    ['a page of changes stopped early', { streamKey, sequence: 42, resume: { afterSequence: 57 } }],
  ])('round-trip %s', (_name, cursor) => {
    expect(decodeStreamCursor(encodeStreamCursor(cursor), 'cursor')).toEqual(cursor);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['no stream key', Buffer.from('.42').toString('base64url')],
    ['a negative position', Buffer.from(`${streamKey}.-1`).toString('base64url')],
    ['a position that is not a number', Buffer.from(`${streamKey}.4e2`).toString('base64url')],
    ['an unknown resume kind', Buffer.from(`${streamKey}.4.x.5`).toString('base64url')],
    ['a page stop before its base', Buffer.from(`${streamKey}.40.s.39`).toString('base64url')],
    ['trailing parts', Buffer.from(`${streamKey}.4.s.5.6`).toString('base64url')],
  ])('refuse %s as BAD_USER_INPUT naming the argument', (_name, cursor) => {
    let error: unknown;
    try {
      decodeStreamCursor(cursor, 'after');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: '"after" is not a cursor this API returned',
      details: { field: 'after' },
    });
  });
});
