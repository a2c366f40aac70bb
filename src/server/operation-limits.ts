import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type DocumentNode, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { EdgeLimits } from '../config/config';
import { fieldMergeWorkErrors } from './field-merge-work';
import { subscriptionRootDirectiveErrors } from './subscription-root-directives';

export interface OperationLimits {
  /** graphql-js stops lexing past this many tokens, before any AST is built. */
  parseOptions: ParseOptions;
  /** graphql-armor's depth, alias and directive limits, after graphql-js's own rules (cost: operation-cost.ts). */
  validationRules: ValidationRule[];
  /** graphql-js stops validating past this many errors. */
  validationOptions: { maxErrors: number };
  /** Checked between parsing and validation: what would make validation itself too slow, or throw. */
  beforeValidation: (document: DocumentNode) => GraphQLError[];
}

/**
 * armor throws (a 500 in Apollo) unless told otherwise, and prefixes every message with
 * "Syntax Error:" although the document parsed; reported this way the limits read as the
 * validation errors they are, with the same code over HTTP and WebSocket.
 */
function reportAsValidationError(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
}

/** The same limits for Apollo (HTTP) and graphql-ws (WebSocket). */
export function operationLimits(limits: EdgeLimits): OperationLimits {
  const onRejection = { propagateOnRejection: false, onReject: [reportAsValidationError] };
  const { validationRules } = new ApolloArmor({
    // Suggestions are hidden per caller (SchemaVisibility), tokens counted by the parser itself, and
    // cost by the guard once variables are known (armor multiplies by a written-out `first` only).
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDepth: { n: limits.maxDepth, ...onRejection },
    maxAliases: { n: limits.maxAliases, ...onRejection },
    maxDirectives: { n: limits.maxDirectives, ...onRejection },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    validationOptions: { maxErrors: limits.maxValidationErrors },
    beforeValidation: (document) => [...fieldMergeWorkErrors(document, limits.maxMergeWork), ...subscriptionRootDirectiveErrors(document)],
  };
}
