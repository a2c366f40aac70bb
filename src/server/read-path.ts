import { GraphQLError, isNonNullType, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from '../context/graphql-context';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { PlannedField } from '../read-planner/planned-field';
import type { ReadAnswer, ReadPlanner } from '../read-planner/read-planner';
import { PlannedData } from './planned-response';

/**
 * Which path answers an HTTP query: the read planner (READ_PLANNER=on) when it covers the
 * operation, the resolvers otherwise. Counted (gateway_graphql_read_path_total) and logged at
 * debug level with the reason for a fallback.
 */
export class ReadPath {
  constructor(
    private readonly planner: ReadPlanner | null,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** The planned answer, or null for the resolvers to answer. */
  async plannedResult(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    context: GraphQLContext,
  ): Promise<ExecutionResult | null> {
    const answer: ReadAnswer = !this.planner
      ? { path: 'resolvers', reason: 'READ_PLANNER=off' }
      : !context.user
        ? { path: 'resolvers', reason: 'no caller' }
        : await this.planner.answer(document, operation, variables, context.user.id);
    this.metrics.recordReadPath(answer.path);
    context.logger.debug({ readPath: answer.path, ...(answer.path === 'resolvers' ? { reason: answer.reason } : {}) }, 'read path');
    if (answer.path === 'resolvers') return null;
    // Apollo hands data on untouched to stringifyResponse, which writes the text as it is.
    if ('json' in answer) return { data: new PlannedData(answer.json) as unknown as Record<string, unknown> };
    return failedAtRoots(answer.roots, answer.failure);
  }
}

/**
 * A failed statement as the resolvers report their failing SQL: an error at each root field
 * that read a row (__typename reads none), in order, a nullable one null, and the first
 * non-null one nulling the whole data.
 */
function failedAtRoots(roots: readonly PlannedField[], failure: unknown): ExecutionResult {
  const data: Record<string, unknown> = {};
  const errors: GraphQLError[] = [];
  for (const root of roots) {
    if (!root.definition) {
      data[root.responseKey] = 'Query';
      continue;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    errors.push(
      new GraphQLError(message, {
        nodes: [root.node],
        path: [root.responseKey],
        originalError: failure instanceof Error ? failure : undefined,
      }),
    );
    if (isNonNullType(root.definition.type)) return { data: null, errors };
    data[root.responseKey] = null;
  }
  return { data, errors };
}
