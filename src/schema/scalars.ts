import { GraphQLScalarType, Kind } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** graphql-scalars' parsing and serialisation, under the contract's names and descriptions. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
  description: 'An RFC 3339 timestamp, e.g. 2026-11-21T09:30:00.000Z.',
  specifiedByURL: undefined,
});

/**
 * Validated by graphql-scalars, but kept as the 'YYYY-MM-DD' string on input: a JS Date at
 * UTC midnight would shift the day for anyone who later formats it in local time.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  ...DateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  specifiedByURL: undefined,
  serialize: (value) => DateResolver.serialize(value),
  parseValue: (value) => {
    DateResolver.parseValue(value);
    return value as string;
  },
  parseLiteral: (ast, variables) => {
    DateResolver.parseLiteral(ast, variables);
    return ast.kind === Kind.STRING ? ast.value : '';
  },
});
