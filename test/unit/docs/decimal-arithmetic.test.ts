import Decimal from 'decimal.js';

/**
 * The client-side arithmetic the guides show (docs/frontend.md, "Adding Decimals in a client"):
 * Decimal strings added with a decimal library, or as BigInt minor units, never as floats.
 */

/** A Decimal as a whole number of minor units (cents for 2 digits): exact at any size. */
function toMinorUnits(amount: string, digits: number): bigint {
  const [integer, fraction = ''] = amount.replace('-', '').split('.');
  if (fraction.length > digits) throw new RangeError(`${amount} has more than ${digits} decimals`);
  const units = BigInt(integer + fraction.padEnd(digits, '0'));
  return amount.startsWith('-') ? -units : units;
}

/** Minor units back to a Decimal string with `digits` decimals. */
function fromMinorUnits(units: bigint, digits: number): string {
  const text = (units < 0n ? -units : units).toString().padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return units < 0n ? `-${decimal}` : decimal;
}

describe('adding Decimals in a client, as the guides show it', () => {
  const amounts = ['0.1', '0.2', '575.67', '-9.95'];

  it('with a decimal library (decimal.js)', () => {
    const total = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
    expect(total.toFixed(2)).toBe('566.02');
    // The float way, for contrast: 0.1 + 0.2 is not 0.3.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(new Decimal('0.1').plus('0.2').toFixed()).toBe('0.3');
  });

  it('with BigInt minor units', () => {
    const cents = amounts.reduce((sum, amount) => sum + toMinorUnits(amount, 2), 0n);
    expect(fromMinorUnits(cents, 2)).toBe('566.02');
    expect(toMinorUnits('-9.95', 2)).toBe(-995n);
    expect(fromMinorUnits(toMinorUnits('9007199254740993.01', 2), 2)).toBe('9007199254740993.01');
    expect(fromMinorUnits(-5n, 2)).toBe('-0.05');
    expect(fromMinorUnits(1234n, 0)).toBe('1234');
    expect(() => toMinorUnits('0.125', 2)).toThrow(RangeError);
  });
});
