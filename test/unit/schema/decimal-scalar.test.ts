import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { DecimalScalar } from '../../../src/schema/decimal.scalar';

describe('the Decimal scalar', () => {
  it.each<[string, unknown, string]>([
    ['PostgreSQL numeric text', '12.30', '12.30'],
    ['a negative amount', '-575.67', '-575.67'],
    ['more digits than money has (an average)', '123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('formats %s as it is', (_what, value, text) => {
    expect(DecimalScalar.serialize(value)).toBe(text);
  });

  it.each<[string, unknown]>([
    ['a float that already lost digits', 0.30000000000000004],
    ['an integer number', 3],
    ['exponent text', '1e21'],
    ['NaN', 'NaN'],
    ['null', null],
  ])('refuses to format %s', (_what, value) => {
    expect(() => DecimalScalar.serialize(value)).toThrow(GraphQLError);
  });

  it.each<[string, ValueNode]>([
    ['a string literal', { kind: Kind.STRING, value: '0.1' }],
    ['a negative string literal', { kind: Kind.STRING, value: '-0.10' }],
  ])('parses %s', (_what, node) => {
    expect(DecimalScalar.parseLiteral(node, undefined)).toBe((node as { value: string }).value);
  });

  it.each<[string, ValueNode]>([
    ['a float literal', { kind: Kind.FLOAT, value: '0.1' }],
    ['an int literal', { kind: Kind.INT, value: '3' }],
    ['an exponent', { kind: Kind.STRING, value: '1e3' }],
    ['hex', { kind: Kind.STRING, value: '0x10' }],
    ['a decimal comma', { kind: Kind.STRING, value: '1,5' }],
    ['the empty string', { kind: Kind.STRING, value: '' }],
  ])('refuses %s as BAD_USER_INPUT', (_what, node) => {
    expect.assertions(2);
    try {
      DecimalScalar.parseLiteral(node, undefined);
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it.each<[unknown, string | null]>([
    ['0.3', '0.3'],
    ['-0', '0'],
    [0.3, null],
    ['0.1234567', null],
  ])('takes the variable %p as %p', (value, parsed) => {
    if (parsed === null) expect(() => DecimalScalar.parseValue(value)).toThrow(GraphQLError);
    else expect(DecimalScalar.parseValue(value)).toBe(parsed);
  });
});
