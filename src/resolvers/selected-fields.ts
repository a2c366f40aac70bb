import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields selected directly in these selection sets, through fragments. Each selection set
 * is visited once, however often it is spread or repeated: only which fields appear matters,
 * and visiting a fragment at every spread is exponential in how deeply spreads nest.
 */
function fieldsOf(info: GraphQLResolveInfo, selectionSets: ReadonlyArray<SelectionSetNode | undefined>): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<SelectionSetNode>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    if (!selectionSet || seen.has(selectionSet)) return;
    seen.add(selectionSet);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  selectionSets.forEach(visit);
  return fields;
}

/**
 * The names of the fields the operation selects at `path` under the field being resolved
 * (`['edges', 'node']`: a connection's nodes), through fragments and aliases. `@skip`/`@include`
 * are not evaluated: a field that may be selected counts, which costs work, never a wrong answer.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let fields = fieldsOf(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  for (const step of path)
    fields = fieldsOf(
      info,
      fields.filter((field) => field.name.value === step).map((field) => field.selectionSet),
    );
  return new Set(fields.map((field) => field.name.value));
}
