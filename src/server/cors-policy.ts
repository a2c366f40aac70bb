import cors from 'cors';
import type { OriginPolicy } from './origin-policy';

/**
 * CORS for browser callers on the origin allow-list that also guards the WebSocket. Tokens
 * travel in the Authorization header, never in cookies, so no credentials mode is offered.
 * It is mounted for the API only (health, /metrics, /graphql, /graphql/stream), which answers
 * with what the caller's own token allows: never on a page that may carry the development token.
 */
export function corsPolicy(isOriginAllowed: OriginPolicy) {
  return cors({
    origin: (origin, callback) => callback(null, isOriginAllowed(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
