import { buildSchema, parse, validate } from 'graphql';
import { SchemaVisibility, withoutSuggestion } from '../../../src/server/schema-visibility';

const schema = buildSchema(`
  type Query { me: User! items(status: Status): [String!]! }
  type User { id: ID! legalName: String }
  enum Status { ACTIVE LOGIN_REQUIRED }
`);
const inAnHour = Date.now() + 3_600_000;
const partner = { id: 'p', scopes: ['read', 'partner'], expiresAtMs: inAnHour };
const someone = { id: 'u', scopes: ['read'], expiresAtMs: inAnHour };

function validationMessages(query: string) {
  return validate(schema, parse(query));
}

describe('SchemaVisibility', () => {
  it('is open to everyone outside production', () => {
    const visibility = new SchemaVisibility(false, 'partner');
    expect(visibility.mayExplore(null)).toBe(true);
    expect(visibility.introspectionError(null, parse('{ __schema { queryType { name } } }'))).toBeUndefined();
  });

  it('in production lets only partner tokens explore', () => {
    const visibility = new SchemaVisibility(true, 'partner');
    expect(visibility.mayExplore(null)).toBe(false);
    expect(visibility.mayExplore(someone)).toBe(false);
    expect(visibility.mayExplore(partner)).toBe(true);
  });

  it.each([
    '{ __schema { types { name } } }',
    '{ __type(name: "User") { name } }',
    'query { me { id } ...F } fragment F on Query { __schema { queryType { name } } }',
  ])('refuses introspection to others in production: %s', (query) => {
    const error = new SchemaVisibility(true, 'partner').introspectionError(someone, parse(query));
    expect(error?.message).toBe('Introspection needs a token with the "partner" scope');
    expect(error?.extensions.code).toBe('FORBIDDEN');
  });

  it('lets anyone ask for __typename', () => {
    expect(new SchemaVisibility(true, 'partner').introspectionError(null, parse('{ __typename }'))).toBeUndefined();
  });

  it('hides suggestions from others in production, and only from them', () => {
    const visibility = new SchemaVisibility(true, 'partner');
    const forSomeone = validationMessages('{ mee { id } }');
    const forPartner = validationMessages('{ mee { id } }');
    visibility.hideSuggestions(someone, forSomeone);
    visibility.hideSuggestions(partner, forPartner);
    expect(forSomeone.map((e) => e.message)).toEqual(['Cannot query field "mee" on type "Query".']);
    expect(forPartner.map((e) => e.message)).toEqual(['Cannot query field "mee" on type "Query". Did you mean "me"?']);
  });
});

describe('withoutSuggestion', () => {
  it.each([
    ['{ me { legalNam } }', 'Cannot query field "legalNam" on type "User".'],
    ['{ items(statu: ACTIVE) }', 'Unknown argument "statu" on field "Query.items".'],
    ['{ items(status: ACTIV) }', 'Value "ACTIV" does not exist in "Status" enum.'],
    ['query($s: Statu) { items(status: $s) }', 'Unknown type "Statu".'],
  ])('removes every kind of hint graphql-js gives: %s', (query, expected) => {
    const [error] = validationMessages(query);
    expect(error.message).toMatch(/Did you mean/);
    expect(withoutSuggestion(error.message)).toBe(expected);
  });
});
