import { createHash } from 'node:crypto';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
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
import { anonymousBudgetKey } from './client-address';
import { operationCostErrors } from './operation-cost';
import { OperationCostCache } from './operation-cost-cache';
import { pageSizeErrors } from './page-size-limit';
import { unstorableStringErrors } from '../database/unstorable-strings';
import type { OperationLimits } from './operation-limits';
import type { OperationRateLimiter } from './operation-rate-limiter';
import type { SchemaVisibility } from './schema-visibility';
import type { TrustedDocuments } from './trusted-documents';

/** Who sends an operation: a user, or a caller without a token, known by its address. */
export interface OperationCaller {
  user: AuthenticatedUser | null;
  /** By TRUST_PROXY's rule (client-address.ts): the key of the budget of callers without a token. */
  clientAddress: string;
}

export interface ResolvedOperation extends OperationCaller {
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
  /** Fields that call Plaid (calls-plaid.ts) one operation may select. */
  maxPlaidFields: number;
  /** Rate-limit points each of those takes, beyond the operation's 1. */
  plaidFieldPoints: number;
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
  private readonly costs: OperationCostCache;
  /**
   * WebSocket and SSE documents that parsed and validated, by the SHA-256 of their text, as
   * Apollo keeps HTTP's (with the same bound: its InMemoryLRUCache's default size), so a
   * subscription sent again skips parsing, validation and costing.
   */
  private readonly documents = new InMemoryLRUCache<DocumentNode>();

  constructor(private readonly options: OperationGuardOptions) {
    this.costs = new OperationCostCache(options.schema);
  }

  get limits(): OperationLimits {
    return this.options.limits;
  }

  get visibility(): SchemaVisibility {
    return this.options.visibility;
  }

  /**
   * Rate limit, introspection policy, trusted documents, variables, page sizes, cost and fields
   * that call Plaid; errors are client-ready. Every operation takes 1 point from its caller's
   * budget first, so refused ones count too; one that calls Plaid takes its Plaid fields' points
   * once it passed every other check.
   */
  async check({ user, clientAddress, document, operation, variables }: ResolvedOperation): Promise<GraphQLError[]> {
    const caller = { user, clientAddress };
    const limited = await this.spend(caller, 1);
    if (limited) return [limited];
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

    const measured = this.costs.costOf(document, operation, coerced.coerced);
    const { maxCost, maxPlaidFields, plaidFieldPoints } = this.options;
    const costErrors = operationCostErrors(measured, operation, { maxCost, maxPlaidFields });
    if (costErrors.length > 0) return costErrors;
    const plaidPoints = measured.plaidFields * plaidFieldPoints;
    const plaidLimited = plaidPoints > 0 ? await this.spend(caller, plaidPoints) : undefined;
    return plaidLimited ? [plaidLimited] : [];
  }

  /** graphql-ws's and graphql-sse's onSubscribe: parse and validate as Apollo does (or reuse a document that did), then `check`. */
  async prepare(caller: OperationCaller, payload: OperationPayload): Promise<PreparedOperation> {
    const parsed = await this.validDocument(caller.user, payload.query);
    if (parsed.errors) return { errors: parsed.errors };
    const { document } = parsed;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return { errors: [unresolvedOperation(payload.operationName)] };
    const errors = await this.check({ ...caller, document, operation, variables: payload.variables ?? undefined });
    if (errors.length > 0) return { errors, operation };
    return {
      args: { schema: this.options.schema, document, operationName: payload.operationName, variableValues: payload.variables },
      operation,
    };
  }

  /** Only documents that passed are kept: validation errors are shown per caller (suggestions hidden or not). */
  private async validDocument(
    user: AuthenticatedUser | null,
    query: string,
  ): Promise<{ document: DocumentNode; errors?: never } | { errors: GraphQLError[]; document?: never }> {
    const key = createHash('sha256').update(query).digest('hex');
    const known = await this.documents.get(key);
    if (known) return { document: known };
    let document: DocumentNode;
    try {
      document = parse(query, this.options.limits.parseOptions);
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
    await this.documents.set(key, document);
    return { document };
  }

  /** Takes `points` from the user's budget, or from the budget of callers without a token at this address; the refusal, if any. */
  private async spend({ user, clientAddress }: OperationCaller, points: number): Promise<GraphQLError | undefined> {
    try {
      if (user) await this.options.rateLimiter.consume('user', user.id, points);
      else await this.options.rateLimiter.consume('anonymous', anonymousBudgetKey(clientAddress), points);
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return new GraphQLError(error.message, { originalError: error, extensions: { ...error.details, code: error.code } });
    }
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
