import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors/domain-error';
import { sentQuery } from './request-body';

/**
 * PAYLOAD_TOO_LARGE for a GraphQL document over MAX_DOCUMENT_BYTES, measured on its text
 * before anything parses it. GRAPHQL_MAX_TOKENS counts no comments or whitespace, so without
 * this any small operation could carry a comment as large as the request body allows.
 */
export function documentSizeError(document: string, maxBytes: number): GraphQLError | undefined {
  const bytes = Buffer.byteLength(document);
  if (bytes <= maxBytes) return undefined;
  const error = new DomainError('PAYLOAD_TOO_LARGE', `The GraphQL document is ${bytes} bytes, over the limit of ${maxBytes} bytes`, {
    limitBytes: maxBytes,
  });
  return new GraphQLError(error.message, { originalError: error, extensions: { ...error.details, code: error.code } });
}

/**
 * For Apollo's /graphql and graphql-sse's /graphql/stream, after the JSON body is read: the
 * `query` of a POST body or of a GET's URL (every one, if the URL repeats it), answered 413
 * as an oversized body is.
 */
export function documentSizeLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const sent = sentQuery(req);
    const documents = (Array.isArray(sent) ? sent : [sent]).filter((document): document is string => typeof document === 'string');
    const error = documents.map((document) => documentSizeError(document, maxBytes)).find((found) => found !== undefined);
    if (!error) return next();
    res.status(413).json({ errors: [{ message: error.message, extensions: error.extensions }] });
  };
}
