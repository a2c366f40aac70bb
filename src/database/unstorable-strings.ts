import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** PostgreSQL's text types cannot hold U+0000; a query carrying one fails deep in the driver. */
export const hasUnstorableCharacter = (value: string): boolean => value.includes('\u0000');

/**
 * BAD_USER_INPUT for every string argument, written out or in a variable, that PostgreSQL
 * cannot store, before any resolver (and so any SQL) runs.
 */
export function unstorableStringErrors(document: DocumentNode, variableValues: Record<string, unknown>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    [Kind.STRING](node) {
      if (hasUnstorableCharacter(node.value)) errors.push(unstorable('A string argument', node));
    },
  });
  for (const [name, value] of Object.entries(variableValues)) {
    if (containsUnstorable(value)) errors.push(unstorable(`Variable "$${name}"`));
  }
  return errors;
}

function containsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return hasUnstorableCharacter(value);
  if (Array.isArray(value)) return value.some(containsUnstorable);
  if (value && typeof value === 'object') return Object.values(value).some(containsUnstorable);
  return false;
}

function unstorable(what: string, node?: Parameters<typeof visit>[0]): GraphQLError {
  return new GraphQLError(`${what} contains a NUL character (U+0000), which cannot be stored`, {
    nodes: node ? [node] : undefined,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}
