import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { operationCost, type OperationCost } from './operation-cost';

/** Figures kept for one operation of a document: one for each values of the variables they read, the latest few. */
interface OperationCosts {
  variablesRead: readonly string[];
  byValues: Map<string, OperationCost>;
}

/** Enough for a client that pages with a few sizes; a document sent with ever other sizes is walked again. */
const VALUES_KEPT_PER_OPERATION = 8;

/**
 * An operation's cost, walked once per parsed document and kept beside it: Apollo (HTTP) and
 * the guard (WebSocket, SSE) reuse the DocumentNode of a query they parsed and validated
 * before, so a document lives here exactly as long as its parse and validation results do.
 * A page size or a Plaid condition given in a variable changes the figures: they are kept per
 * values of the variables the walk read (none for most documents), so every request still
 * gets the figures of its own variables.
 */
export class OperationCostCache {
  private readonly documents = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationCosts>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** `variableValues` must be coerced already. */
  costOf(document: DocumentNode, operation: OperationDefinitionNode, variableValues: Record<string, unknown>): OperationCost {
    let operations = this.documents.get(document);
    if (!operations) this.documents.set(document, (operations = new Map<OperationDefinitionNode, OperationCosts>()));
    const known = operations.get(operation);
    const kept = known?.byValues.get(valuesKey(known.variablesRead, variableValues));
    if (kept) return kept;

    const { cost, plaidFields, variablesRead } = operationCost(this.schema, document, operation, variableValues);
    const costs = known ?? { variablesRead: [...variablesRead], byValues: new Map<string, OperationCost>() };
    operations.set(operation, costs);
    const measured = { cost, plaidFields };
    costs.byValues.set(valuesKey(costs.variablesRead, variableValues), measured);
    // A Map iterates in insertion order: the first key is the oldest.
    if (costs.byValues.size > VALUES_KEPT_PER_OPERATION) costs.byValues.delete(costs.byValues.keys().next().value as string);
    return measured;
  }
}

/** The values the figures depend on; an absent variable and a null one are told apart. */
function valuesKey(names: readonly string[], variableValues: Record<string, unknown>): string {
  return JSON.stringify(names.map((name) => (Object.hasOwn(variableValues, name) ? [variableValues[name]] : [])));
}
