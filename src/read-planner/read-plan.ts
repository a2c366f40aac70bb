import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isPlannedField } from './field-tables';
import type { PlannedField } from './planned-field';

/** What answers an operation: PostgreSQL through one statement, or the resolvers (and why). */
export type ReadPlan = { kind: 'planned'; selection: PlannedField[] } | { kind: 'fallback'; reason: string };

class NotPlanned extends Error {}

/**
 * Compiles a validated operation into the tree of fields the statement builds, in the order
 * graphql-js collects them (aliases, fragments, `@skip`/`@include` with these variables'
 * values). Any field outside the planner's reach (a mutation, a subscription, realtime
 * balances, anything that calls Plaid or is not stored here) makes the whole operation fall
 * back, decided here once per plan. `variables` must be coerced already.
 */
export function compileReadPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ReadPlan {
  if (operation.operation !== OperationTypeNode.QUERY) return { kind: 'fallback', reason: `a ${operation.operation}` };
  const queryType = schema.getQueryType();
  if (!queryType) return { kind: 'fallback', reason: 'no query type' };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const hasCondition = (node: SelectionSetNode['selections'][number]) =>
    node.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include') ?? false;
  const included = (node: FieldNode): boolean =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  /**
   * graphql-js's collectFields: response keys in first-seen order, each named fragment once.
   * The resolvers run under graphql-jit, which orders a key where it first appears even when
   * that appearance is skipped, and conditions fields rather than fragments: where the two
   * could answer differently (a condition on a fragment, or on one of several fields sharing a
   * response key), the resolvers answer.
   */
  const collect = (selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> => {
    const fields = new Map<string, FieldNode[]>();
    const conditional = new Set<string>();
    const visited = new Set<string>();
    const visit = (selectionSet: SelectionSetNode): void => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          if (hasCondition(selection)) conditional.add(key);
          const list = fields.get(key);
          if (list) list.push(selection);
          else fields.set(key, [selection]);
          continue;
        }
        if (hasCondition(selection)) throw new NotPlanned('@skip/@include on a fragment');
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          // Every read type is an object type: a fragment valid here applies to it.
          visit(selection.selectionSet);
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          visited.add(name);
          const fragment = fragments.get(name);
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    selectionSets.forEach(visit);
    for (const key of conditional) if (fields.get(key)!.length > 1) throw new NotPlanned(`@skip/@include on one of several ${key}`);
    for (const [key, nodes] of fields) {
      const kept = nodes.filter(included);
      if (kept.length === 0) fields.delete(key);
      else fields.set(key, kept);
    }
    return fields;
  };

  const plan = (type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]): PlannedField[] =>
    [...collect(selectionSets)].map(([responseKey, nodes]) => {
      const fieldName = nodes[0].name.value;
      if (fieldName === '__typename') return { responseKey, fieldName, node: nodes[0], definition: null, selection: [] };
      if (!('getFields' in type) || !isPlannedField(type.name, fieldName)) throw new NotPlanned(`${type.name}.${fieldName}`);
      const definition = (type as GraphQLObjectType).getFields()[fieldName];
      if (type === queryType && fieldName === 'balances' && getArgumentValues(definition, nodes[0], variables).realtime === true)
        throw new NotPlanned('balances(realtime: true)');
      const named = getNamedType(definition.type);
      const selection = isCompositeType(named)
        ? plan(
            named,
            nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
          )
        : [];
      return { responseKey, fieldName, node: nodes[0], definition, selection };
    });

  try {
    return { kind: 'planned', selection: plan(queryType, [operation.selectionSet]) };
  } catch (error) {
    if (error instanceof NotPlanned) return { kind: 'fallback', reason: error.message };
    throw error;
  }
}
