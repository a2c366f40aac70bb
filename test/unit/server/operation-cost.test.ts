import {
  buildSchema,
  getIntrospectionQuery,
  getOperationAST,
  getVariableValues,
  GraphQLBoolean,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { callsPlaidExtensions } from '../../../src/resolvers/calls-plaid';
import { fieldCostExtensions } from '../../../src/resolvers/field-cost';
import { SPENDING_COST } from '../../../src/resolvers/spending.resolver';
import { buildGatewaySchemaTypes } from '../../../src/server/build-schema';
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
  return operationCost(schema, document, operation, coerced.coerced).cost;
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
      const operation = getOperationAST(parsed)!;
      return operationCostErrors(operationCost(schema, parsed, operation, {}), operation, { maxCost: limit, maxPlaidFields: 3 });
    };
    expect(document('{ transactions(first: 500) { totalCount edges { cursor node { id amount account { id name } } } } }')).toEqual([]);
    const [error] = document(
      '{ items { accounts { transactions(first: 500) { edges { node { account { transactions(first: 500) { edges { node { id } } } } } } } } } }',
    );
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', cost: expect.any(Number), maxCost: limit });
    expect(error.extensions.cost).toBeGreaterThan(limit);
  });
});

/** Issue 22, item 5: the same walk counts the fields that call Plaid, marked where they are declared. */
describe('operationCost in the served schema', () => {
  it("prices recurringStreams as a list and each stream's transactions as a page, with no Plaid call", async () => {
    const served = await buildGatewaySchemaTypes();
    const measure = (query: string) => {
      const document = parse(query);
      return operationCost(served, document, getOperationAST(document)!, {});
    };
    // recurringStreams: a list of (itself + id + averageAmount (itself + amount) + transactions: first x (itself + edges (itself + node (itself + id))))
    const streams = (first: number) => ASSUMED_LIST_SIZE * (1 + 1 + 2 + first * (1 + 1 + 2));
    const query = (page: string) => `{ recurringStreams { id averageAmount { amount } transactions${page} { edges { node { id } } } } }`;
    expect(measure(query('(first: 20)'))).toMatchObject({ cost: streams(20), plaidFields: 0 });
    expect(measure(query('')).cost).toBe(streams(50));
  });
});

describe('operationCost: fields that call Plaid', () => {
  const Token = new GraphQLObjectType({ name: 'Token', fields: { value: { type: GraphQLString } } });
  const Account = new GraphQLObjectType({
    name: 'Account',
    fields: { id: { type: GraphQLID }, live: { type: GraphQLString, extensions: callsPlaidExtensions() } },
  });
  const plaidSchema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        me: { type: GraphQLID },
        accounts: { type: new GraphQLList(Account) },
        balances: {
          type: new GraphQLList(Account),
          args: { realtime: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: false } },
          extensions: callsPlaidExtensions({ whenArgument: 'realtime' }),
        },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        createLinkToken: { type: Token, extensions: callsPlaidExtensions() },
        syncItem: { type: GraphQLBoolean, extensions: callsPlaidExtensions() },
        updateProfile: { type: GraphQLBoolean },
      },
    }),
  });

  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const coerced = getVariableValues(plaidSchema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw coerced.errors[0];
    const { plaidFields, variablesRead } = operationCost(plaidSchema, document, operation, coerced.coerced);
    return { plaidFields, variablesRead: [...variablesRead] };
  };
  const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');

  it.each([
    ['no Plaid field', 'mutation { updateProfile }', 0],
    ['one', 'mutation { createLinkToken { value } }', 1],
    ['a leaf field', 'mutation { syncItem updateProfile }', 1],
    ['15 aliases', `mutation { ${aliases(15, 'createLinkToken { value }')} }`, 15],
    ['aliases in a fragment spread twice', 'mutation { ...L ...L } fragment L on Mutation { a: createLinkToken { value } b: syncItem }', 4],
    ['an inline fragment', 'mutation { ... on Mutation { createLinkToken { value } } syncItem }', 2],
    ['fragments three levels deep', 'mutation { ...A ...A } fragment A on Mutation { ...B ...B } fragment B on Mutation { syncItem }', 4],
    ['balances, realtime by default false', '{ balances { id } }', 0],
    ['balances(realtime: false)', '{ balances(realtime: false) { id } }', 0],
    ['balances(realtime: true), aliased', `{ ${aliases(4, 'balances(realtime: true) { id }')} }`, 4],
    ['a Plaid field under a list, once per assumed element', '{ accounts { id live } }', ASSUMED_LIST_SIZE],
    ['introspection', '{ __schema { types { name } } __typename }', 0],
  ])('counts %s', (_name, query, expected) => {
    expect(measure(query).plaidFields).toBe(expected);
  });

  it('reads the condition from a variable, and says so, so the figures are kept per its value', () => {
    const query = `query($live: Boolean!) { ${aliases(5, 'balances(realtime: $live) { id }')} }`;
    expect(measure(query, { live: true })).toEqual({ plaidFields: 5, variablesRead: ['live'] });
    expect(measure(query, { live: false })).toEqual({ plaidFields: 0, variablesRead: ['live'] });
    expect(measure('{ balances(realtime: true) { id } }').variablesRead).toEqual([]);
  });

  it('refuses more than maxPlaidFields with GRAPHQL_VALIDATION_FAILED naming the count and the limit', () => {
    const document = parse(`mutation { ${aliases(15, 'createLinkToken { value }')} }`);
    const operation = getOperationAST(document)!;
    const measured = operationCost(plaidSchema, document, operation, {});
    expect(operationCostErrors(measured, operation, { maxCost: 50_000, maxPlaidFields: 15 })).toEqual([]);
    const [error] = operationCostErrors(measured, operation, { maxCost: 50_000, maxPlaidFields: 3 });
    expect(error.message).toMatch(/^Operation selects 15 fields that call Plaid, more than the limit of 3/);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', plaidFields: 15, maxPlaidFields: 3 });
  });
});

/** Issue 26: a field priced where it is declared (field-cost.ts) costs its price instead of 1. */
describe('operationCost: priced fields', () => {
  const Group = new GraphQLObjectType({ name: 'Group', fields: { key: { type: GraphQLString }, net: { type: GraphQLString } } });
  const Summary = new GraphQLObjectType({
    name: 'Summary',
    fields: { from: { type: GraphQLString }, groups: { type: new GraphQLList(Group) }, totals: { type: new GraphQLList(Group) } },
  });
  const pricedSchema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        me: { type: GraphQLID },
        spending: { type: Summary, extensions: fieldCostExtensions(1000) },
        pricedLeaf: { type: GraphQLString, extensions: fieldCostExtensions(7) },
      },
    }),
  });
  const cost = (query: string) => {
    const document = parse(query);
    return operationCost(pricedSchema, document, getOperationAST(document)!, {}).cost;
  };

  it.each([
    ['an unpriced field', '{ me }', 1],
    ['a priced leaf', '{ pricedLeaf }', 7],
    ['a priced field, its lists multiplied as any', '{ spending { from groups { key net } totals { key } } }', 1000 + 1 + 10 * 3 + 10 * 2],
    ['each alias of it', '{ a: spending { from } b: spending { from } }', 2 * (1000 + 1)],
    ['twice through a fragment spread twice', '{ ...S ...S } fragment S on Query { spending { from } }', 2 * (1000 + 1)],
  ])('costs %s', (_name, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('prices the served spending field at SPENDING_COST, so the cost limit bounds how many summaries one operation asks for', async () => {
    const schema = await buildGatewaySchemaTypes();
    const document = parse('{ spending(from: "2026-01-01", to: "2026-01-31") { from groups { key } } }');
    expect(operationCost(schema, document, getOperationAST(document)!, {}).cost).toBe(SPENDING_COST + 1 + ASSUMED_LIST_SIZE * (1 + 1));
    const fifty = parse(
      `{ ${Array.from({ length: 51 }, (_, i) => `s${i}: spending(from: "2026-01-01", to: "2026-01-31") { from }`).join(' ')} }`,
    );
    const operation = getOperationAST(fifty)!;
    expect(
      operationCostErrors(operationCost(schema, fifty, operation, {}), operation, { maxCost: 50_000, maxPlaidFields: 3 }),
    ).toHaveLength(1);
  });
});
