import type { GraphQLField } from 'graphql';
import { Extensions } from 'type-graphql';

/** Where the mark lives in a field's GraphQL extensions. */
const EXTENSION = 'callsPlaid';

export interface CallsPlaidOptions {
  /** The field calls Plaid only when this Boolean argument is true (`balances(realtime: true)`). */
  whenArgument?: string;
}

/**
 * Marks a field whose resolver calls Plaid, where the field is declared: the operation
 * guard reads the mark from the built schema to limit such fields per operation and to charge
 * them rate-limit points (operation-cost.ts), so a new Plaid field is limited by being marked.
 */
export function CallsPlaid(options: CallsPlaidOptions = {}) {
  return Extensions(callsPlaidExtensions(options));
}

/** The mark as GraphQL field extensions, for a field built without type-graphql. */
export function callsPlaidExtensions(options: CallsPlaidOptions = {}): Record<string, CallsPlaidOptions> {
  return { [EXTENSION]: options };
}

/** The field's mark, or undefined for a field that never calls Plaid. */
export function plaidCallMark(field: GraphQLField<unknown, unknown>): CallsPlaidOptions | undefined {
  const mark: unknown = field.extensions[EXTENSION];
  return typeof mark === 'object' && mark !== null ? mark : undefined;
}
