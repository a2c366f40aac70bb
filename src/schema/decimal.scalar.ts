import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DecimalTextError, isDecimalText, parseDecimalText } from '../money/decimal-text';

function badDecimal(error: unknown): never {
  if (error instanceof DecimalTextError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
  throw error;
}

/** Exact decimals as strings both ways: PostgreSQL numeric text out, strictly checked text in. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, as a string: "-12.34", "0.3", "1000". Never a float.',
  serialize: (value) => {
    // A number here would be a float that already lost digits: a bug to surface, not to print.
    if (!isDecimalText(value)) throw new GraphQLError('Decimal cannot represent a value that is not exact decimal text.');
    return value;
  },
  parseValue: (value) => {
    try {
      return parseDecimalText(value);
    } catch (error) {
      return badDecimal(error);
    }
  },
  parseLiteral: (ast) => {
    try {
      return parseDecimalText(ast.kind === Kind.STRING ? ast.value : Symbol.for('not a string literal'));
    } catch (error) {
      return badDecimal(error);
    }
  },
});
