import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError } from '../errors/domain-error';
import { operationCostErrors } from './operation-cost';
import { pageSizeErrors } from './page-size-limit';
import { unstorableStringErrors } from '../database/unstorable-strings';
import type { OperationLimits } from './operation-limits';
import type { OperationRateLimiter } from './operation-rate-limiter';
import type { SchemaVisibility } from './schema-visibility';
import type { TrustedDocuments } from './trusted-documents';

export interface ResolvedOperation {
  user: AuthenticatedUser | null;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>> | undefined;
}

export interface OperationPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Either what to execute, or why not; `operation` once the document resolved to one. */
export type PreparedOperation =
  | { args: ExecutionArgs; operation: OperationDefinitionNode; errors?: never }
  | { errors: GraphQLError[]; operation?: OperationDefinitionNode; args?: never };

export interface OperationGuardOptions {
  schema: GraphQLSchema;
  limits: OperationLimits;
  maxPageSize: number;
  /** See operation-cost.ts: counted with the variables' values, so a page size in a variable counts too. */
  maxCost: number;
  visibility: SchemaVisibility;
  rateLimiter: OperationRateLimiter;
  /** Set (TRUSTED_DOCUMENTS): operations outside it are refused unless the token is a partner's. */
  trustedDocuments?: TrustedDocuments;
}

/**
 * What every operation passes before it runs, over HTTP (Apollo parses and validates with
 * `limits`, then calls `check`) and WebSocket (`prepare` does all of it), so that both
 * transports refuse the same operations with the same errors.
 */
export class OperationGuard {
  constructor(private readonly options: OperationGuardOptions) {}

  get limits(): OperationLimits {
    return this.options.limits;
  }

  get visibility(): SchemaVisibility {
    return this.options.visibility;
  }

  /** Rate limit, introspection policy, trusted documents, variables, page sizes and cost; errors are client-ready. */
  async check({ user, document, operation, variables }: ResolvedOperation): Promise<GraphQLError[]> {
    if (user) {
      try {
        await this.options.rateLimiter.consume(user.id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return [new GraphQLError(error.message, { originalError: error, extensions: { ...error.details, code: error.code } })];
      }
    }
    const forbidden = this.options.visibility.introspectionError(user, document) ?? this.options.trustedDocuments?.refusal(user, document);
    if (forbidden) return [forbidden];

    const coerced = getVariableValues(this.options.schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 25 });
    if (coerced.errors) {
      const errors = coerced.errors.map(
        (error) =>
          new GraphQLError(error.message, {
            nodes: error.nodes,
            originalError: error.originalError,
            extensions: { code: 'BAD_USER_INPUT' },
          }),
      );
      this.options.visibility.hideSuggestions(user, errors);
      return errors;
    }
    const unstorable = unstorableStringErrors(document, coerced.coerced);
    if (unstorable.length > 0) return unstorable;
    const pageErrors = pageSizeErrors(this.options.schema, document, operation, coerced.coerced, this.options.maxPageSize);
    if (pageErrors.length > 0) return pageErrors;
    return operationCostErrors(this.options.schema, document, operation, coerced.coerced, this.options.maxCost);
  }

  /** graphql-ws's onSubscribe: parse and validate as Apollo does, then `check`. */
  async prepare(user: AuthenticatedUser | null, payload: OperationPayload): Promise<PreparedOperation> {
    let document: DocumentNode;
    try {
      document = parse(payload.query, this.options.limits.parseOptions);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return {
        errors: [
          new GraphQLError(error.message, {
            source: error.source,
            positions: error.positions,
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          }),
        ],
      };
    }
    const shapeErrors = this.options.limits.beforeValidation(document);
    if (shapeErrors.length > 0) return { errors: shapeErrors };
    const validationErrors = validate(
      this.options.schema,
      document,
      [...specifiedRules, ...this.options.limits.validationRules],
      this.options.limits.validationOptions,
    );
    if (validationErrors.length > 0) {
      this.options.visibility.hideSuggestions(user, validationErrors);
      return { errors: [...validationErrors] };
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return { errors: [unresolvedOperation(payload.operationName)] };
    const errors = await this.check({ user, document, operation, variables: payload.variables ?? undefined });
    if (errors.length > 0) return { errors, operation };
    return {
      args: { schema: this.options.schema, document, operationName: payload.operationName, variableValues: payload.variables },
      operation,
    };
  }
}

/** The document holds no operation by that name (or several and no name was given). */
export function unresolvedOperation(operationName: string | null | undefined): GraphQLError {
  // The name is the caller's text: quoted only as far as a reader needs it.
  const message = operationName
    ? `Unknown operation named "${operationName.length > 100 ? `${operationName.slice(0, 100)}…` : operationName}"`
    : 'Must provide operation name if query contains multiple operations';
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
}
