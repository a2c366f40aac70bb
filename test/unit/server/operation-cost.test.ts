import { buildSchema, getIntrospectionQuery, getOperationAST, getVariableValues, parse } from 'graphql';
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

  it('prices `first: null` as the default page the service answers with, not as one row (issue 22, item 8)', () => {
    const page = (first: number) => first * (1 + 1 + (1 + 1 + (1 + 2)));
    expect(costOf('{ transactions(first: null) { totalCount edges { cursor node { id amount } } } }')).toBe(page(50));
    expect(costOf('query($n: Int) { transactions(first: $n) { totalCount edges { cursor node { id amount } } } }', { n: null })).toBe(
      page(50),
    );
  });

  it('costs a fragment spread a hundred times, three levels deep, by walking each fragment once (issue 22, item 1)', () => {
    const level = (name: string, next: string) => `fragment ${name} on Query { ${`...${next} `.repeat(100)} }`;
    const bomb = `{ ...F0 } ${level('F0', 'F1')} ${level('F1', 'F2')} ${level('F2', 'F3')} fragment F3 on Query { me { id } }`;
    // 100^3 spreads of a fragment costing 2: the figure is huge, the walk is not.
    expect(costOf(bomb)).toBe(2_000_000);
  });

  it('multiplies lists without a first by the assumed list size, nesting by nesting', () => {
    expect(costOf('{ items { accounts { id } } }')).toBe(ASSUMED_LIST_SIZE * (1 + ASSUMED_LIST_SIZE * (1 + 1)));
  });

  it('counts fragments and inline fragments where they are spread, and introspection by its size only', () => {
    const direct = costOf('{ items { id accounts { id name } } }');
    expect(costOf('{ items { ...I } } fragment I on Item { id accounts { ... on Account { id name } } }')).toBe(direct);
    // __typename, __schema, types, fields, name: 1 each, no list multiplied.
    expect(costOf('{ __typename __schema { types { fields { name } } } items { id accounts { id name } } }')).toBe(direct + 5);
    expect(costOf(getIntrospectionQuery())).toBeLessThan(500);
  });

  it('counts a bomb of free fields (__typename) by the fields it expands to, so it is refused before any executor compiles it', () => {
    const level = (name: string, next: string) => `fragment ${name} on Transaction { ${`...${next} `.repeat(200)}}`;
    const bomb = `{ transactions(first: 1) { edges { node { ...T0 } } } } ${level('T0', 'T1')} ${level('T1', 'T2')} ${level('T2', 'T3')} fragment T3 on Transaction { __typename }`;
    expect(costOf(bomb)).toBe(1 * (1 + (1 + (1 + 8_000_000))));
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
