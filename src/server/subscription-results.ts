import type { ExecutionResult, FormattedExecutionResult, GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { formatClientError, isUnexpectedError } from '../errors/error-mapping';
import type { GraphQLContext } from '../context/graphql-context';
import { takePartialErrors } from '../context/partial-errors';

/** Logs what the client will see masked. */
export function logUnexpected(logger: Logger, errors: readonly GraphQLError[]): void {
  for (const error of errors) {
    if (isUnexpectedError(error))
      logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in GraphQL subscription');
  }
}

/** A result as streaming transports send it: with its resolvers' partial errors, masked as over HTTP. Undefined when nothing changes. */
export function clientResult(context: GraphQLContext, result: ExecutionResult): FormattedExecutionResult | undefined {
  const errors = [...(result.errors ?? []), ...takePartialErrors(context)];
  if (errors.length === 0) return undefined;
  logUnexpected(context.logger, errors);
  return { ...result, errors: errors.map((error) => formatClientError(error.toJSON(), error)) };
}

/**
 * One event's result as every subscription sharing its execution sends it: serialised once,
 * and framed once per distinct frame (a WebSocket's `next` envelope differs only by the
 * subscription's id, which clients mostly number alike; every SSE stream's is the same).
 */
export class SerialisedResult {
  private readonly frames = new Map<string, Buffer>();

  constructor(readonly json: string) {}

  /** The frame `key` names, built on first use from this JSON. */
  framed(key: string, build: (json: string) => string): Buffer {
    let frame = this.frames.get(key);
    if (!frame) this.frames.set(key, (frame = Buffer.from(build(this.json), 'utf8')));
    return frame;
  }
}

/** A subscription result as streaming transports send it, errors masked as over HTTP (and logged once, not once per subscriber). */
export function serialiseResult(logger: Logger, result: ExecutionResult): SerialisedResult {
  if (!result.errors?.length) return new SerialisedResult(JSON.stringify(result));
  logUnexpected(logger, result.errors);
  return new SerialisedResult(
    JSON.stringify({ ...result, errors: result.errors.map((error) => formatClientError(error.toJSON(), error)) }),
  );
}
