import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { TokenVerifier } from '../auth/token-verifier';
import { formatClientError } from '../errors/error-mapping';
import { IdentityProviderUnavailableError } from '../errors/identity-provider-unavailable';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import type { Services } from '../services/services';
import { createGraphQLContext, type GraphQLContext } from '../context/graphql-context';
import { logAuthenticationFailure } from './authentication-failure';
import { untilTokenExpiry } from './event-stream-expiry';
import type { OperationGuard } from './operation-guard';
import { documentSizeLimit } from './document-size-limit';
import { recordSetUp, type OperationState } from './operation-tracking';
import { jsonBody } from './request-body';
import { subscribeSharingExecutions } from './shared-subscription-execution';
import { eventStreamSink, sinkOf, type SubscriberSink } from './subscriber-sinks';
import { clientResult, logUnexpected } from './subscription-results';

export const SSE_PATH = '/graphql/stream';

export interface SseRouteOptions {
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  guard: OperationGuard;
  services: Services;
  pubSub: GatewayPubSub;
  metrics: GatewayMetrics;
  logger: Logger;
  isOriginAllowed: (origin: string | undefined) => boolean;
  maxRequestBytes: number;
  maxDocumentBytes: number;
  /** SUBSCRIBER_MAX_BUFFERED_BYTES: a stream further behind than this ends. */
  maxBufferedBytes: number;
}

/** graphql-sse wants an index signature on the context; the same fields as a mapped type have one. */
type SseContext = { [K in keyof GraphQLContext]: GraphQLContext[K] };

/** graphql-sse marks its errors GraphQLError; a formatted one serialises to the same JSON. */
const asSent = (result: { data?: unknown; errors?: readonly unknown[] }) => result as ExecutionResult<Record<string, unknown>>;

/**
 * GraphQL over Server-Sent Events (graphql-sse, distinct connections mode) for clients and
 * proxies that block WebSocket: the WebSocket's token check (here the Authorization header),
 * guard (limits, rate limit, page sizes), context, error masking, Origin allow-list and
 * metrics, with `transport="sse"`. A stream ends when its token expires.
 */
export function sseRoute(options: SseRouteOptions): Router {
  const { guard, metrics, logger } = options;
  const users = new WeakMap<object, AuthenticatedUser>();
  const operations = new WeakMap<object, OperationState>();
  const sinks = new WeakMap<object, SubscriberSink>();
  const refused = (status: number, code: string, message: string, details: Record<string, unknown> = {}) =>
    [
      JSON.stringify({ errors: [{ message, extensions: { ...details, code } }] }),
      {
        status,
        statusText: code,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(typeof details.retryAfterSeconds === 'number' ? { 'retry-after': String(details.retryAfterSeconds) } : {}),
        },
      },
    ] as const;

  const handler = createHandler<SseContext>({
    schema: options.schema,
    subscribe: (args) => subscribeSharingExecutions(args, sinkOf(sinks, args.contextValue)),
    authenticate: async (req) => {
      try {
        const user = await options.verifier.verifyAuthorization(req.raw.headers.authorization);
        if (!user) return refused(401, 'UNAUTHENTICATED', 'A valid bearer token is required');
        users.set(req.raw, user);
        // Only single connection mode's reservations use the token; it must not be guessable.
        return randomUUID();
      } catch (error) {
        logAuthenticationFailure(logger, 'sse', error);
        if (error instanceof IdentityProviderUnavailableError) return refused(503, error.code, error.message, error.details);
        return refused(401, 'UNAUTHENTICATED', 'A valid bearer token is required');
      }
    },
    onSubscribe: async (req, params) => {
      const user = users.get(req.raw);
      if (!user) return refused(401, 'UNAUTHENTICATED', 'A valid bearer token is required');
      const started = performance.now();
      // Express's req.ip, by TRUST_PROXY's rule (gateway.ts sets `trust proxy`).
      const clientAddress = req.raw.ip ?? '';
      const prepared = await guard.prepare(
        { user, clientAddress },
        { query: params.query, operationName: params.operationName, variables: params.variables },
      );
      if (prepared.errors) {
        metrics.recordOperation({
          name: prepared.operation ? (prepared.operation.name?.value ?? null) : undefined,
          authenticated: true,
          type: prepared.operation?.operation ?? 'unknown',
          transport: 'sse',
          outcome: 'error',
          durationSeconds: (performance.now() - started) / 1000,
        });
        logUnexpected(logger, prepared.errors);
        // With `data`, graphql-sse takes it for a result to send as is (and runs no context for it).
        return asSent({ data: null, errors: prepared.errors.map((error: GraphQLError) => formatClientError(error.toJSON(), error)) });
      }
      const requestId = randomUUID();
      const contextValue = createGraphQLContext({
        requestId,
        user,
        clientAddress,
        logger: logger.child({ requestId, transport: 'sse', userId: user.id }),
        services: options.services,
        pubSub: options.pubSub,
      });
      sinks.set(contextValue, eventStreamSink(req.context.res, options.maxBufferedBytes));
      operations.set(contextValue, {
        started,
        name: prepared.operation.name?.value ?? null,
        type: prepared.operation.operation,
        streaming: false,
      });
      return { ...prepared.args, contextValue };
    },
    onOperation: async (ctx, _req, _args, operationResult) => {
      const state = operations.get(ctx);
      if (state) await recordSetUp(metrics, 'sse', state, operationResult);
      // A stream lives as long as its token; a single result is answered already.
      const result = await operationResult;
      return Symbol.asyncIterator in result && ctx.user ? untilTokenExpiry(result, ctx.user) : undefined;
    },
    onNext: (ctx, _req, result) => {
      // A refusal from onSubscribe has no context and is formatted already.
      if (!ctx) return undefined;
      // graphql 16 executes without incremental delivery, so every result is a whole one.
      const sent = clientResult(ctx, result as ExecutionResult);
      return sent ? asSent(sent) : undefined;
    },
    onComplete: (ctx) => {
      if (operations.get(ctx)?.streaming) metrics.subscriptionEnded();
      operations.delete(ctx);
    },
  });

  const router = express.Router();
  router.use(
    SSE_PATH,
    // Distinct connections mode only: each GET or POST is its own stream. graphql-sse's single
    // connection mode (PUT reserves a stream for a later GET) would keep a reservation per PUT
    // that nothing ever frees, so its methods are refused before anything is kept.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method === 'GET' || req.method === 'POST') return next();
      res
        .status(405)
        .set('allow', 'GET, POST')
        .json({ errors: [{ message: 'Event streams are opened with GET or POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    },
    // Browsers send Origin with every cross-site request; the WebSocket's allow-list applies.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (options.isOriginAllowed(req.headers.origin)) return next();
      res.status(403).json({ errors: [{ message: 'This origin may not open event streams', extensions: { code: 'FORBIDDEN' } }] });
    },
    ...jsonBody(options.maxRequestBytes),
    documentSizeLimit(options.maxDocumentBytes),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      handler(req, res).catch(next);
    },
  );
  return router;
}
