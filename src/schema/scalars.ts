import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** graphql-scalars' parsing and serialisation, under the contract's names and descriptions. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
  description: 'An RFC 3339 timestamp, e.g. 2026-11-21T09:30:00.000Z.',
  specifiedByURL: undefined,
});

export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  specifiedByURL: undefined,
});
