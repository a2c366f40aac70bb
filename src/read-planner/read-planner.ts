import { getVariableValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { SpendingLimits } from '../config/config';
import type { PlannedReadRepository } from '../repositories/planned-read.repository';
import { compileReadPlan } from './read-plan';
import type { PlannedField } from './planned-field';
import { ReadPlanCache } from './read-plan-cache';
import { readStatement } from './read-plan-sql';

export interface ReadPlannerOptions {
  schema: GraphQLSchema;
  reads: PlannedReadRepository;
  /** GRAPHQL_MAX_PAGE_SIZE: `first` is checked as the resolvers check it. */
  maxPageSize: number;
  /** SPENDING_MAX_RANGE_DAYS and SPENDING_MAX_GROUPS: spending's range checked and its groups capped as the service does. */
  spending: SpendingLimits;
  /** READ_PLANS_PER_OPERATION. */
  plansPerOperation: number;
}

/**
 * The response's `data` as JSON text, or why the resolvers answer instead; or the statement's
 * failure (PostgreSQL unreachable), to be reported at the operation's root fields.
 */
export type ReadAnswer =
  | { path: 'planner'; json: string }
  | { path: 'planner'; failure: unknown; roots: readonly PlannedField[] }
  | { path: 'resolvers'; reason: string };

/**
 * Answers a read operation with one PostgreSQL statement that writes its whole `data`, the
 * caller's user id bound into it, when every field it selects is stored here; otherwise the
 * resolvers answer. Errors are always the resolvers': invalid variables or arguments and
 * another user's ids send the request to them, so their errors and paths stay today's.
 */
export class ReadPlanner {
  private readonly plans: ReadPlanCache;

  constructor(private readonly options: ReadPlannerOptions) {
    this.plans = new ReadPlanCache(options.plansPerOperation);
  }

  async answer(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    rawVariables: Record<string, unknown> | undefined,
    userId: string,
  ): Promise<ReadAnswer> {
    const { schema, reads, maxPageSize, spending } = this.options;
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
    if (variables.errors) return { path: 'resolvers', reason: 'invalid variables' };
    const plan = this.plans.planOf(document, operation, variables.coerced, () =>
      compileReadPlan(schema, document, operation, variables.coerced),
    );
    if (plan.kind === 'fallback') return { path: 'resolvers', reason: plan.reason };
    const { sql, params } = readStatement(plan.selection, userId, variables.coerced, { maxPageSize, spending });
    let json;
    try {
      json = await reads.read(sql, params);
    } catch (failure) {
      return { path: 'planner', failure, roots: plan.selection };
    }
    return json === null ? { path: 'resolvers', reason: 'the statement left it to the resolvers' } : { path: 'planner', json };
  }
}
