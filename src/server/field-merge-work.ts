import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * graphql-js's OverlappingFieldsCanBeMerged rule compares, in every selection set, each pair
 * of fields sharing a response name (through inline and named fragments too), recursing into
 * their selections, and each pair of distinct fragments spread there. That is quadratic: 480
 * `items { id }` in a 6 KB document took 100-250 ms of CPU to validate, within every other
 * limit. This bounds that work before validation runs, in one pass: a pair of same-named
 * fields costs the product of their subtrees' sizes (what comparing them can visit at most),
 * a pair of fragments costs 1. A document without repeated fields costs nothing.
 */
export function fieldMergeWork(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  // Each subtree is sized once (a named fragment's size once, whatever the spreads), so the pass stays linear.
  const sizes = new Map<SelectionSetNode, number>();
  const fragmentSizes = new Map<string, number>();
  const sizeOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    const known = sizes.get(selectionSet);
    if (known !== undefined) return known;
    sizes.set(selectionSet, 0); // a fragment cycle (refused by validation later) adds nothing
    let size = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) size += 1 + sizeOf(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) size += sizeOf(selection.selectionSet);
      else size += fragmentSize(selection.name.value);
    }
    sizes.set(selectionSet, size);
    return size;
  };
  const fragmentSize = (name: string): number => {
    const known = fragmentSizes.get(name);
    if (known !== undefined) return known;
    fragmentSizes.set(name, 0);
    const size = sizeOf(fragments.get(name)?.selectionSet);
    fragmentSizes.set(name, size);
    return size;
  };

  /** The fields merged into one selection set: its own, its inline fragments', and every fragment's it reaches by spreads. */
  const mergedFields = (selectionSet: SelectionSetNode, fields: FieldNode[], spread: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) mergedFields(selection.selectionSet, fields, spread);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) mergedFields(fragment.selectionSet, fields, spread);
      }
    }
  };

  let work = 0;
  const visited = new Set<SelectionSetNode>();
  const visit = (selectionSet: SelectionSetNode): void => {
    if (visited.has(selectionSet)) return;
    visited.add(selectionSet);
    const fields: FieldNode[] = [];
    const spread = new Set<string>();
    mergedFields(selectionSet, fields, spread);
    work += (spread.size * (spread.size - 1)) / 2;
    const byName = new Map<string, { sum: number; squares: number }>();
    for (const field of fields) {
      const size = 1 + sizeOf(field.selectionSet);
      const name = field.alias?.value ?? field.name.value;
      const group = byName.get(name) ?? { sum: 0, squares: 0 };
      group.sum += size;
      group.squares += size * size;
      byName.set(name, group);
      if (field.selectionSet) visit(field.selectionSet);
    }
    // The sum over pairs i < j of size_i * size_j.
    for (const { sum, squares } of byName.values()) work += (sum * sum - squares) / 2;
  };
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  return work;
}

/** GRAPHQL_VALIDATION_FAILED when merging the document's repeated fields would cost more than `maxWork`. */
export function fieldMergeWorkErrors(document: DocumentNode, maxWork: number): GraphQLError[] {
  const work = fieldMergeWork(document);
  if (work <= maxWork) return [];
  return [
    new GraphQLError(
      `The document repeats fields or fragments too often (merge work ${work}, limit ${maxWork}): select each field once per selection`,
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', mergeWork: work, maxMergeWork: maxWork } },
    ),
  ];
}
