import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';

/** body-parser's errors carry a `type` and the status it suggests. */
interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
}

/**
 * JSON bodies up to `maxBytes`. A larger body is refused with 413 before it is read (or as
 * soon as it passes the limit, when chunked); every refusal is a GraphQL-shaped JSON error.
 */
export function jsonBody(maxBytes: number): [RequestHandler, ErrorRequestHandler] {
  const refuse: ErrorRequestHandler = (error, _req, res, next) => {
    if (!isBodyParserError(error) || (error.status ?? 400) >= 500) return next(error);
    const [status, code, message] =
      error.type === 'entity.too.large'
        ? [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${maxBytes} bytes`]
        : error.type === 'entity.parse.failed'
          ? [400, 'BAD_REQUEST', 'The request body is not valid JSON']
          : [error.status ?? 400, 'BAD_REQUEST', 'The request body cannot be read'];
    res.status(status).json({ errors: [{ message, extensions: { code, ...(status === 413 ? { limitBytes: maxBytes } : {}) } }] });
  };
  return [express.json({ limit: maxBytes }), refuse];
}

/** The `query` a GraphQL request sends: a GET's from its URL (an array if the URL repeats it), a POST's from its JSON body. */
export function sentQuery(req: Request): unknown {
  return req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
}
