import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

const CONDITIONAL = new Set(['skip', 'include']);

/**
 * graphql-js 16's SingleFieldSubscriptionsRule collects a subscription's top-level fields with
 * no variables, evaluating `@skip`/`@include` there, and throws (a 500 from Apollo, an internal
 * error over WebSocket) when their `if` is missing, not a Boolean or a variable:
 * `subscription($v: Boolean!) { itemStatusChanged @skip(if: $v) { status } }`. The spec's draft
 * and graphql-js 17 refuse these directives on a subscription's top-level selection; so does
 * this, before validation runs. Fragments at that level are followed (each once).
 */
export function subscriptionRootDirectiveErrors(document: DocumentNode): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const errors: GraphQLError[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== OperationTypeNode.SUBSCRIPTION) continue;
    const name = definition.name ? `"${definition.name.value}"` : 'An anonymous subscription';
    const visited = new Set<string>();
    const check = (selectionSet: SelectionSetNode) => {
      for (const selection of selectionSet.selections) {
        const conditional = selection.directives?.find((directive) => CONDITIONAL.has(directive.name.value));
        if (conditional) {
          errors.push(
            new GraphQLError(`Subscription ${name} must not use @${conditional.name.value} on its top-level selection`, {
              nodes: conditional,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
          );
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) check(selection.selectionSet);
        else if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
          visited.add(selection.name.value);
          const fragment = fragments.get(selection.name.value);
          if (fragment) check(fragment.selectionSet);
        }
      }
    };
    check(definition.selectionSet);
  }
  return errors;
}
