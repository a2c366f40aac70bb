import { buildSchema, getOperationAST, getVariableValues, parse } from 'graphql';
import { pageSizeErrors } from '../../../src/server/page-size-limit';

const schema = buildSchema(`
  type Query { me: User! items(first: Int = 50): [Item!]! }
  type User { id: ID! items(first: Int = 50): [Item!]! }
  type Item { id: ID! transactions(first: Int = 600, after: String): [String!]! }
`);

function errorsFor(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!coerced.coerced) throw new Error('variables did not coerce');
  return pageSizeErrors(schema, document, operation, coerced.coerced, 500).map((error) => ({
    message: error.message,
    extensions: error.extensions,
  }));
}

describe('pageSizeErrors', () => {
  it('accepts pages up to the limit', () => {
    expect(errorsFor('{ items(first: 500) { id } me { items(first: 1) { transactions(first: 500) } } }')).toEqual([]);
  });

  it('refuses a literal over the limit', () => {
    expect(errorsFor('{ items(first: 100000) { id } }')).toEqual([
      { message: '"first" on items may be at most 500 (got 100000)', extensions: { code: 'BAD_USER_INPUT', field: 'first' } },
    ]);
  });

  it('refuses a variable over the limit, and a variable default', () => {
    expect(errorsFor('query($n: Int) { items(first: $n) { id } }', { n: 501 })).toHaveLength(1);
    expect(errorsFor('query($n: Int = 9999) { items(first: $n) { id } }')).toHaveLength(1);
  });

  it('applies argument defaults from the schema', () => {
    expect(errorsFor('{ items { transactions } }')).toEqual([
      { message: '"first" on transactions may be at most 500 (got 600)', extensions: { code: 'BAD_USER_INPUT', field: 'first' } },
    ]);
  });

  it('looks inside fragments and inline fragments, once per field', () => {
    const query = `
      query Big { me { ...Items } ... on Query { items(first: 1000) { id } } }
      fragment Items on User { items(first: 700) { id } }
    `;
    expect(errorsFor(query)).toHaveLength(2);
  });

  it('checks only the operation asked for, with its own variables', () => {
    const query = `query Small { items(first: 5) { id } } query Big { items(first: 5000) { id } }`;
    expect(errorsFor(query, {}, 'Small')).toEqual([]);
    expect(errorsFor(query, {}, 'Big')).toHaveLength(1);
  });
});
