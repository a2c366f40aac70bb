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
