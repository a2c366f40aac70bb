import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { loadConfig } from '../../../src/config/config';
import { operationLimits } from '../../../src/server/operation-limits';

const schema = buildSchema(`
  type Query { me: User! }
  type User { id: ID! friend: User }
`);
const limits = operationLimits({ ...loadConfig({}).limits, maxDepth: 3, maxCost: 20, maxAliases: 2, maxDirectives: 2, maxTokens: 100 });

function errorsOf(query: string) {
  return validate(schema, parse(query, limits.parseOptions), [...specifiedRules, ...limits.validationRules]).map((error) => ({
    message: error.message,
    code: error.extensions.code,
  }));
}

describe('operationLimits', () => {
  it('accepts an operation within every limit', () => {
    expect(errorsOf('{ a: me { id } b: me { friend { id } } }')).toEqual([]);
  });

  it.each([
    ['depth', '{ me { friend { friend { id } } } }', 'Query depth limit of 3 exceeded, found 4.'],
    ['aliases', '{ a: me { id } b: me { id } c: me { id } }', 'Aliases limit of 2 exceeded, found 3.'],
    [
      'directives',
      '{ me @include(if: true) { id @skip(if: false) friend @include(if: true) { id } } }',
      'Directives limit of 2 exceeded, found 3.',
    ],
  ])('reports %s over the limit as a validation error, without the "Syntax Error" prefix', (_limit, query, message) => {
    const errors = errorsOf(query);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe(message);
    expect(errors[0].code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('stops parsing past the token limit', () => {
    const query = `{ me { ${'id '.repeat(100)} } }`;
    expect(() => parse(query, limits.parseOptions)).toThrow('Syntax Error: Document contains more that 100 tokens. Parsing aborted.');
  });

  it('does not count introspection against depth', () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(errorsOf(deep)).toEqual([]);
  });
});
