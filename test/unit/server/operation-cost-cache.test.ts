import { buildSchema, getOperationAST, getVariableValues, parse, type DocumentNode } from 'graphql';
import * as cost from '../../../src/server/operation-cost';
import { OperationCostCache } from '../../../src/server/operation-cost-cache';

const schema = buildSchema(`
  type Query { transactions(first: Int = 50): Connection! me: User! }
  type User { id: ID! }
  type Connection { totalCount: Int! edges: [Edge!]! }
  type Edge { node: Transaction! }
  type Transaction { id: ID! }
`);

describe('OperationCostCache', () => {
  let walks: jest.SpyInstance;
  let cache: OperationCostCache;

  beforeEach(() => {
    walks = jest.spyOn(cost, 'operationCost');
    cache = new OperationCostCache(schema);
  });

  afterEach(() => {
    walks.mockRestore();
  });

  const costOf = (document: DocumentNode, variables: Record<string, unknown> = {}) => {
    const operation = getOperationAST(document)!;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw coerced.errors[0];
    return cache.costOf(document, operation, coerced.coerced);
  };
  // transactions: first x (itself + totalCount + edges (itself + node (itself + id)))
  const page = (first: number) => first * (1 + 1 + (1 + (1 + 1)));

  it('walks a document once, however often it is sent', () => {
    const document = parse('{ transactions(first: 20) { totalCount edges { node { id } } } }');
    for (let i = 0; i < 3; i += 1) expect(costOf(document)).toEqual({ cost: page(20), plaidFields: 0 });
    expect(walks).toHaveBeenCalledTimes(1);
  });

  it('keeps the figures of a page size in a variable per its value, an absent one apart from null', () => {
    const document = parse('query($n: Int) { transactions(first: $n) { totalCount edges { node { id } } } }');
    expect(costOf(document, { n: 10 }).cost).toBe(page(10));
    expect(costOf(document, { n: 20 }).cost).toBe(page(20));
    expect(costOf(document, { n: 10 }).cost).toBe(page(10));
    expect(costOf(document, {}).cost).toBe(page(50));
    expect(costOf(document, { n: null }).cost).toBe(page(50));
    expect(walks).toHaveBeenCalledTimes(4);
  });

  it('does not mix up two documents of the same text (each parse is its own document)', () => {
    const text = '{ transactions(first: 5) { totalCount } }';
    costOf(parse(text));
    costOf(parse(text));
    expect(walks).toHaveBeenCalledTimes(2);
  });

  it('keeps the latest eight values of a document, walking an older one again', () => {
    const document = parse('query($n: Int) { transactions(first: $n) { totalCount } }');
    for (let n = 1; n <= 9; n += 1) costOf(document, { n });
    expect(walks).toHaveBeenCalledTimes(9);
    costOf(document, { n: 9 });
    expect(walks).toHaveBeenCalledTimes(9);
    expect(costOf(document, { n: 1 }).cost).toBe(1 * (1 + 1));
    expect(walks).toHaveBeenCalledTimes(10);
  });
});
