import type { Request, Response } from 'express';
import { formatClientError } from '../../../src/errors/error-mapping';
import { documentSizeError, documentSizeLimit } from '../../../src/server/document-size-limit';

const LIMIT = 1024;

describe('documentSizeError', () => {
  it.each([
    ['an ASCII document at the limit', `{ me { id } } #${'x'.repeat(LIMIT - 15)}`, undefined],
    ['an ASCII document one byte over', `{ me { id } } #${'x'.repeat(LIMIT - 14)}`, LIMIT + 1],
    // 'é' is two bytes in UTF-8: the limit counts bytes, not characters.
    ['a document of few characters but more bytes', `{ me { id } } #${'é'.repeat(LIMIT / 2)}`, LIMIT + 15],
  ])('%s', (_name, document, overBy) => {
    const error = documentSizeError(document, LIMIT);
    if (overBy === undefined) return expect(error).toBeUndefined();
    expect({ message: error?.message, extensions: error?.extensions }).toEqual({
      message: `The GraphQL document is ${overBy} bytes, over the limit of ${LIMIT} bytes`,
      extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT },
    });
  });

  it('keeps its code and limit through the client error mapping (WebSocket errors pass it)', () => {
    const error = documentSizeError('#'.repeat(LIMIT + 1), LIMIT)!;
    expect(formatClientError(error.toJSON(), error)).toEqual({
      message: `The GraphQL document is ${LIMIT + 1} bytes, over the limit of ${LIMIT} bytes`,
      extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT },
    });
  });
});

describe('documentSizeLimit', () => {
  const run = (req: Partial<Request>) => {
    const answer: { status?: number; body?: unknown; next: boolean } = { next: false };
    const res = {
      status(code: number) {
        answer.status = code;
        return this;
      },
      json(body: unknown) {
        answer.body = body;
        return this;
      },
    } as unknown as Response;
    documentSizeLimit(LIMIT)(req as Request, res, () => (answer.next = true));
    return answer;
  };
  const big = `{ me { id } } #${'x'.repeat(LIMIT)}`;

  it.each([
    ['a POST body within the limit', { method: 'POST', body: { query: '{ me { id } }' } }, true],
    ['a POST body over it', { method: 'POST', body: { query: big } }, false],
    ['a POST without a query (an APQ hash alone)', { method: 'POST', body: { extensions: {} } }, true],
    ['a batch (Apollo refuses it)', { method: 'POST', body: [{ query: big }] }, true],
    ['a GET within the limit', { method: 'GET', query: { query: '{ me { id } }' } }, true],
    ['a GET over it', { method: 'GET', query: { query: big } }, false],
    ['a GET repeating `query`, one of them over it', { method: 'GET', query: { query: ['{ me { id } }', big] } }, false],
  ] as Array<[string, Partial<Request>, boolean]>)('%s', (_name, req, passes) => {
    const answer = run(req);
    expect(answer.next).toBe(passes);
    if (passes) return;
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^The GraphQL document is \d+ bytes/),
          extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT },
        },
      ],
    });
  });
});
