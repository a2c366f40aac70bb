import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from '../context/graphql-context';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
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

  /** The planned data, or null for the resolvers to answer. */
  async plannedData(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
    context: GraphQLContext,
  ): Promise<PlannedData | null> {
    const answer: ReadAnswer = !this.planner
      ? { path: 'resolvers', reason: 'READ_PLANNER=off' }
      : !context.user
        ? { path: 'resolvers', reason: 'no caller' }
        : await this.planner.answer(document, operation, variables, context.user.id);
    this.metrics.recordReadPath(answer.path);
    context.logger.debug({ readPath: answer.path, ...(answer.path === 'resolvers' ? { reason: answer.reason } : {}) }, 'read path');
    return answer.path === 'planner' ? new PlannedData(answer.json) : null;
  }
}
