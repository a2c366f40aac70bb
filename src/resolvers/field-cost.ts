import type { GraphQLField } from 'graphql';
import { Extensions } from 'type-graphql';

/** Where the price lives in a field's GraphQL extensions. */
const EXTENSION = 'cost';

/**
 * Prices a field whose own work is more than its answer's size tells (an aggregate over a
 * range of history), where the field is declared: operation-cost.ts counts it at `cost`
 * instead of 1, so the static cost limit bounds how many such fields one operation may ask for.
 */
export function FieldCost(cost: number) {
  return Extensions(fieldCostExtensions(cost));
}

/** The price as GraphQL field extensions, for a field built without type-graphql. */
export function fieldCostExtensions(cost: number): Record<string, number> {
  return { [EXTENSION]: cost };
}

/** The field's own cost: its price, else 1. */
export function fieldCostOf(field: GraphQLField<unknown, unknown>): number {
  const cost: unknown = field.extensions[EXTENSION];
  return typeof cost === 'number' ? cost : 1;
}
