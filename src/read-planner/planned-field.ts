import type { FieldNode, GraphQLField } from 'graphql';

/** One response key of a selection, its same-named fields merged as graphql-js merges them. */
export interface PlannedField {
  responseKey: string;
  fieldName: string;
  /** The first of the merged nodes: validation made their arguments the same. */
  node: FieldNode;
  /** Null for __typename, which the statement writes as the type's name. */
  definition: GraphQLField<unknown, unknown> | null;
  /** Empty for a leaf. */
  selection: PlannedField[];
}
