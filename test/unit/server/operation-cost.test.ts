import { buildSchema, getOperationAST, getVariableValues, parse } from 'graphql';
import { ASSUMED_LIST_SIZE, operationCost, operationCostErrors } from '../../../src/server/operation-cost';

const schema = buildSchema(`
  type Query { items: [Item!]! transactions(first: Int = 50): Connection! me: User! }
  type User { id: ID! }
  type Item { id: ID! accounts: [Account!]! }
  type Account { id: ID! name: String! transactions(first: Int = 50): Connection! }
  type Connection { totalCount: Int! edges: [Edge!]! }
  type Edge { cursor: String! node: Transaction! }
  type Transaction { id: ID! amount: Float! account: Account! }
`);

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return operationCost(schema, document, operation, coerced.coerced);
}

describe('operationCost', () => {
  it('counts 1 per field', () => {
    expect(costOf('{ me { id } }')).toBe(1 + 1);
  });

  it('multiplies a page by its first, written out, in a variable or by default, and not again for the lists inside it', () => {
    // transactions: first x (itself + totalCount + edges (itself + cursor + node (itself + id + amount)))
    const page = (first: number) => first * (1 + 1 + (1 + 1 + (1 + 2)));
    expect(costOf('{ transactions(first: 500) { totalCount edges { cursor node { id amount } } } }')).toBe(page(500));
    expect(costOf('query($n: Int) { transactions(first: $n) { totalCount edges { cursor node { id amount } } } }', { n: 20 })).toBe(
      page(20),
    );
    expect(costOf('{ transactions { totalCount edges { cursor node { id amount } } } }')).toBe(page(50));
  });

  it('multiplies lists without a first by the assumed list size, nesting by nesting', () => {
    expect(costOf('{ items { accounts { id } } }')).toBe(ASSUMED_LIST_SIZE * (1 + ASSUMED_LIST_SIZE * (1 + 1)));
  });

  it('counts fragments and inline fragments where they are spread, and not introspection', () => {
    const direct = costOf('{ items { id accounts { id name } } }');
    expect(costOf('{ items { ...I } } fragment I on Item { id accounts { ... on Account { id name } } }')).toBe(direct);
    expect(costOf('{ __typename __schema { types { fields { name } } } items { id accounts { id name } } }')).toBe(direct);
  });

  it('refuses multiplying pages with GRAPHQL_VALIDATION_FAILED and lets one full page through', () => {
    const limit = 50_000;
    const document = (query: string) => {
      const parsed = parse(query);
      return operationCostErrors(schema, parsed, getOperationAST(parsed)!, {}, limit);
    };
    expect(document('{ transactions(first: 500) { totalCount edges { cursor node { id amount account { id name } } } } }')).toEqual([]);
    const [error] = document(
      '{ items { accounts { transactions(first: 500) { edges { node { account { transactions(first: 500) { edges { node { id } } } } } } } } } }',
    );
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', cost: expect.any(Number), maxCost: limit });
    expect(error.extensions.cost).toBeGreaterThan(limit);
  });
});
