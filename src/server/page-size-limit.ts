import {
  getArgumentValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

const PAGE_SIZE_ARGUMENT = 'first';

/**
 * BAD_USER_INPUT for every field asked for a page larger than `maxPageSize`, counting
 * variables and argument defaults, before any resolver runs. graphql-armor's cost limit
 * multiplies by a written-out `first` only, so a page size in a variable gets past it.
 * `variableValues` must be coerced already.
 */
export function pageSizeErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: Record<string, unknown>,
  maxPageSize: number,
): GraphQLError[] {
  const typeInfo = new TypeInfo(schema);
  const errors: GraphQLError[] = [];
  // The operation and the fragments it may spread; other operations have other variables.
  const reachable: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((node) => node === operation || node.kind === Kind.FRAGMENT_DEFINITION),
  };
  visit(
    reachable,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field?.args.some((arg) => arg.name === PAGE_SIZE_ARGUMENT)) return;
        const size = getArgumentValues(field, node, variableValues)[PAGE_SIZE_ARGUMENT];
        if (typeof size === 'number' && size > maxPageSize) {
          errors.push(
            new GraphQLError(`"${PAGE_SIZE_ARGUMENT}" on ${field.name} may be at most ${maxPageSize} (got ${size})`, {
              nodes: node,
              extensions: { code: 'BAD_USER_INPUT', field: PAGE_SIZE_ARGUMENT },
            }),
          );
        }
      },
    }),
  );
  return errors;
}
