import { DecimalTextError, isDecimalText, parseDecimalText } from '../../../src/money/decimal-text';

describe('Decimal text', () => {
  it.each<[string, string]>([
    ['0', '0'],
    ['0.3', '0.3'],
    ['-12.34', '-12.34'],
    ['1000', '1000'],
    ['12.30', '12.30'],
    ['0.000001', '0.000001'],
    ['999999999999999.999999', '999999999999999.999999'],
    ['-0', '0'],
    ['-0.00', '0.00'],
  ])('reads %p as %p', (input, decimal) => {
    expect(parseDecimalText(input)).toBe(decimal);
  });

  it.each<[string, unknown]>([
    ['an exponent', '1e3'],
    ['a capital exponent', '1E3'],
    ['hex', '0x10'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['the empty string', ''],
    ['a decimal comma', '1,5'],
    ['grouping commas', '1,000.00'],
    ['more than 6 decimals', '0.1234567'],
    ['more than 15 integer digits', '1234567890123456'],
    ['a plus sign', '+1'],
    ['a bare leading point', '.5'],
    ['a bare trailing point', '5.'],
    ['a leading zero', '007'],
    ['spaces', ' 1'],
    ['a trailing newline', '1\n'],
    ['two minus signs', '--1'],
    ['Arabic-Indic digits', '١٢'],
    ['a JSON number', 0.1],
    ['an integer number', 3],
    ['null', null],
    ['a megabyte of digits', '9'.repeat(1 << 20)],
  ])('refuses %s', (_what, input) => {
    expect(() => parseDecimalText(input)).toThrow(DecimalTextError);
  });

  it.each<[unknown, boolean]>([
    ['12.3400', true],
    ['-0.5', true],
    ['123456789012345678901234567890.123456789', true],
    ['1e21', false],
    [0.3, false],
    ['NaN', false],
  ])('knows %p as stored decimal text: %p', (value, expected) => {
    expect(isDecimalText(value)).toBe(expected);
  });
});
