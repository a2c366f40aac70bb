import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How many elements a list without a `first` (items, accounts, balances) is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;

/** Arguments that bound how many elements a field answers: a connection's `first`, the delta feed's `count`. */
const PAGE_SIZE_ARGUMENTS = ['first', 'count'];

/**
 * The most an operation may ask for, counted before any resolver runs, in the spirit of
 * GitHub's node limit: every field costs 1; a field with a `first` argument (a connection) or a
 * `count` (the delta feed) multiplies what is selected under it by that number (written out, in
 * a variable or by default), and the lists inside it are already bounded by it; any other list multiplies
 * by ASSUMED_LIST_SIZE. One full page of anything is cheap, nestings that multiply pages are
 * not. Introspection is not counted. `variableValues` must be coerced already.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  // @skip/@include are not evaluated: a field that may be selected is counted.
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, withinPage: boolean): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, selection.name.value);
        if (!field) continue;
        const type = getNamedType(field.type);
        if (isLeafType(type) || !selection.selectionSet || !isCompositeType(type)) {
          cost += 1;
          continue;
        }
        const sizeArgument = field.args.find((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name))?.name;
        const pageSize = sizeArgument ? getArgumentValues(field, selection, variableValues)[sizeArgument] : undefined;
        const isPage = typeof pageSize === 'number';
        const times = isPage ? Math.max(pageSize, 0) : isList(field.type) && !withinPage ? ASSUMED_LIST_SIZE : 1;
        cost += times * (1 + costOf(selection.selectionSet, type, isPage));
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) cost += costOf(fragment.selectionSet, condition, withinPage);
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? costOf(operation.selectionSet, root, false) : 0;
}

/** GRAPHQL_VALIDATION_FAILED when the operation costs more than `maxCost`, as graphql-js's own rules report. */
export function operationCostErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: Record<string, unknown>,
  maxCost: number,
): GraphQLError[] {
  const cost = operationCost(schema, document, operation, variableValues);
  if (cost <= maxCost) return [];
  return [
    new GraphQLError(`Operation cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages (first) or nest fewer lists`, {
      nodes: operation,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost },
    }),
  ];
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
