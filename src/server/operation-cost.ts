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
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
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
 * Where a selection is: at the top, inside a page (its lists are bounded by the page), or
 * inside introspection (counted by its size only, since a schema is finite and known).
 */
type Context = 'top' | 'page' | 'introspection';

/**
 * The most an operation may ask for, counted before any resolver runs, in the spirit of
 * GitHub's node limit: every field costs 1; a field with a `first` argument (a connection) or a
 * `count` (the delta feed) multiplies what is selected under it by that number (written out, in
 * a variable or by default), and the lists inside it are already bounded by it; any other list multiplies
 * by ASSUMED_LIST_SIZE. One full page of anything is cheap, nestings that multiply pages are
 * not. Introspection (`__schema`, `__type`, `__typename`) costs 1 per field selected, with no
 * list multiplied, so a schema explorer's query stays cheap but a document cannot hide an
 * expansion behind it: every field the executor would compile is counted. `variableValues`
 * must be coerced already.
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
  // A named fragment costs the same wherever it is spread (its type condition fixes its parent), so
  // each is walked once per context: walking it at every spread is exponential in the nesting
  // (three levels of 200 spreads each were 8 million walks), costing it once keeps this linear.
  const fragmentCosts = new Map<string, number>();

  // @skip/@include are not evaluated: a field that may be selected is counted.
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: Context): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const meta = name.startsWith('__');
        const field = meta ? metaFieldOf(schema, parent, name) : fieldOf(parent, name);
        if (!field) continue;
        const type = getNamedType(field.type);
        if (isLeafType(type) || !selection.selectionSet || !isCompositeType(type)) {
          cost += 1;
          continue;
        }
        if (meta || context === 'introspection') {
          cost += 1 + costOf(selection.selectionSet, type, 'introspection');
          continue;
        }
        const sizeArgument = field.args.find((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name));
        const pageSize = sizeArgument
          ? pageSizeOf(sizeArgument, getArgumentValues(field, selection, variableValues)[sizeArgument.name])
          : undefined;
        const isPage = pageSize !== undefined;
        const times = isPage ? pageSize : isList(field.type) && context !== 'page' ? ASSUMED_LIST_SIZE : 1;
        cost += times * (1 + costOf(selection.selectionSet, type, isPage ? 'page' : 'top'));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) cost += costOf(selection.selectionSet, condition, context);
      } else {
        cost += namedFragmentCost(selection.name.value, context);
      }
    }
    return cost;
  };

  const namedFragmentCost = (name: string, context: Context): number => {
    const key = `${context}:${name}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    // Validation refuses fragment cycles before this runs; should one slip through, it costs nothing more.
    fragmentCosts.set(key, 0);
    const fragment = fragments.get(name);
    const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    const cost = fragment && condition && isCompositeType(condition) ? costOf(fragment.selectionSet, condition, context) : 0;
    fragmentCosts.set(key, cost);
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? costOf(operation.selectionSet, root, 'top') : 0;
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

/**
 * The elements a page argument asks for. An explicit `null` gets the argument's default, as the
 * services do (`first: null` is a page of 50), never the one row it would otherwise be priced as.
 */
function pageSizeOf(argument: GraphQLArgument, value: unknown): number | undefined {
  if (typeof value === 'number') return Math.max(value, 0);
  return typeof argument.defaultValue === 'number' ? argument.defaultValue : undefined;
}

/** `__typename` anywhere; `__schema` and `__type` on the query root. */
function metaFieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent !== schema.getQueryType()) return undefined;
  return name === SchemaMetaFieldDef.name ? SchemaMetaFieldDef : name === TypeMetaFieldDef.name ? TypeMetaFieldDef : undefined;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
