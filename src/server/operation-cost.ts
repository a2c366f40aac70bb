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
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { plaidCallMark } from '../resolvers/calls-plaid';
import { fieldCostOf } from '../resolvers/field-cost';

/** How many elements a list without a `first` (items, accounts, balances) is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;

/** Arguments that bound how many elements a field answers: a connection's `first`, the delta feed's `count`. */
const PAGE_SIZE_ARGUMENTS = ['first', 'count'];

/**
 * Where a selection is: at the top, inside a page (its lists are bounded by the page), or
 * inside introspection (counted by its size only, since a schema is finite and known).
 */
type Context = 'top' | 'page' | 'introspection';

/** What an operation asks for, counted before any resolver runs. */
export interface OperationCost {
  /** See operationCost. */
  cost: number;
  /**
   * Selections of fields that call Plaid (marked with CallsPlaid, calls-plaid.ts), multiplied
   * like the cost by the lists they are in: each alias and each spread of a fragment is one
   * more, since each runs its resolver. The same field selected twice under one response name
   * runs once but counts twice: a bound, never less than the calls made.
   */
  plaidFields: number;
}

export interface MeasuredOperation extends OperationCost {
  /**
   * The variables whose values the figures depend on (page sizes, and arguments that decide a
   * Plaid call): which ones is fixed by the document, so figures can be kept per document and
   * per values of these (operation-cost-cache.ts).
   */
  variablesRead: ReadonlySet<string>;
}

export interface CostLimits {
  maxCost: number;
  maxPlaidFields: number;
}

/**
 * The most an operation may ask for, counted before any resolver runs, in the spirit of
 * GitHub's node limit: every field costs 1 (or its price, field-cost.ts: an aggregate over a
 * range of history); a field with a `first` argument (a connection) or a
 * `count` (the delta feed) multiplies what is selected under it by that number (written out, in
 * a variable or by default), and the lists inside it are already bounded by it; any other list multiplies
 * by ASSUMED_LIST_SIZE. One full page of anything is cheap, nestings that multiply pages are
 * not. Introspection (`__schema`, `__type`, `__typename`) costs 1 per field selected, with no
 * list multiplied, so a schema explorer's query stays cheap but a document cannot hide an
 * expansion behind it: every field the executor would compile is counted. The same walk counts
 * the fields that call Plaid. `variableValues` must be coerced already.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: Record<string, unknown>,
): MeasuredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // A named fragment costs the same wherever it is spread (its type condition fixes its parent), so
  // each is walked once per context: walking it at every spread is exponential in the nesting
  // (three levels of 200 spreads each were 8 million walks), costing it once keeps this linear.
  const fragmentCosts = new Map<string, OperationCost>();
  const variablesRead = new Set<string>();

  // Page sizes and the arguments that decide a Plaid call are scalars: written out, or one variable.
  const argumentValue = (field: GraphQLField<unknown, unknown>, selection: FieldNode, name: string): unknown => {
    const node = selection.arguments?.find((argument) => argument.name.value === name);
    if (node?.value.kind === Kind.VARIABLE) variablesRead.add(node.value.name.value);
    return getArgumentValues(field, selection, variableValues)[name];
  };

  const callsPlaid = (field: GraphQLField<unknown, unknown>, selection: FieldNode): boolean => {
    const mark = plaidCallMark(field);
    if (!mark) return false;
    return mark.whenArgument === undefined || argumentValue(field, selection, mark.whenArgument) === true;
  };

  // @skip/@include are not evaluated: a field that may be selected is counted.
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: Context): OperationCost => {
    const total: OperationCost = { cost: 0, plaidFields: 0 };
    const add = (part: OperationCost, times = 1) => {
      total.cost += times * part.cost;
      total.plaidFields += times * part.plaidFields;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const meta = name.startsWith('__');
        const field = meta ? metaFieldOf(schema, parent, name) : fieldOf(parent, name);
        if (!field) continue;
        if (meta || context === 'introspection') {
          const type = getNamedType(field.type);
          total.cost += 1;
          if (selection.selectionSet && isCompositeType(type)) add(costOf(selection.selectionSet, type, 'introspection'));
          continue;
        }
        // The field's own resolver runs once per element of the list it is in, whatever it answers.
        if (callsPlaid(field, selection)) total.plaidFields += 1;
        const type = getNamedType(field.type);
        const own = fieldCostOf(field);
        if (isLeafType(type) || !selection.selectionSet || !isCompositeType(type)) {
          total.cost += own;
          continue;
        }
        const sizeArgument = field.args.find((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name));
        const pageSize = sizeArgument ? pageSizeOf(sizeArgument, argumentValue(field, selection, sizeArgument.name)) : undefined;
        const isPage = pageSize !== undefined;
        const times = isPage ? pageSize : isList(field.type) && context !== 'page' ? ASSUMED_LIST_SIZE : 1;
        const inner = costOf(selection.selectionSet, type, isPage ? 'page' : 'top');
        total.cost += times * (own + inner.cost);
        total.plaidFields += times * inner.plaidFields;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) add(costOf(selection.selectionSet, condition, context));
      } else {
        add(namedFragmentCost(selection.name.value, context));
      }
    }
    return total;
  };

  const namedFragmentCost = (name: string, context: Context): OperationCost => {
    const key = `${context}:${name}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    // Validation refuses fragment cycles before this runs; should one slip through, it costs nothing more.
    fragmentCosts.set(key, { cost: 0, plaidFields: 0 });
    const fragment = fragments.get(name);
    const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    const cost =
      fragment && condition && isCompositeType(condition) ? costOf(fragment.selectionSet, condition, context) : { cost: 0, plaidFields: 0 };
    fragmentCosts.set(key, cost);
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  const measured = root ? costOf(operation.selectionSet, root, 'top') : { cost: 0, plaidFields: 0 };
  return { ...measured, variablesRead };
}

/**
 * GRAPHQL_VALIDATION_FAILED, as graphql-js's own rules report, when the operation costs more
 * than `maxCost` or selects more than `maxPlaidFields` fields that call Plaid: the same
 * document always fails, whoever sends it and however often, so it is a fault of the document
 * and not a budget to wait for (that is RATE_LIMITED).
 */
export function operationCostErrors(measured: OperationCost, operation: OperationDefinitionNode, limits: CostLimits): GraphQLError[] {
  const { cost, plaidFields } = measured;
  const { maxCost, maxPlaidFields } = limits;
  const errors: GraphQLError[] = [];
  if (cost > maxCost)
    errors.push(
      new GraphQLError(`Operation cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages (first) or nest fewer lists`, {
        nodes: operation,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost },
      }),
    );
  if (plaidFields > maxPlaidFields)
    errors.push(
      new GraphQLError(
        `Operation selects ${plaidFields} fields that call Plaid, more than the limit of ${maxPlaidFields} (each alias and fragment spread counts): send the others in later operations`,
        { nodes: operation, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', plaidFields, maxPlaidFields } },
      ),
    );
  return errors;
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
