/**
 * The wire form of an exact decimal: an optional minus, digits with no leading zero, and an
 * optional fraction ("-12.34", "0.3", "1000"). Exponents, hex, NaN, grouping commas, a bare
 * point and signs other than a leading minus are refused, so no client can smuggle a float in.
 */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Input bounds: more digits than money has are a mistake (or an attack), not an amount. */
export const MAX_INPUT_INTEGER_DIGITS = 15;
export const MAX_INPUT_FRACTION_DIGITS = 6;

export class DecimalTextError extends Error {}

/** The exact decimal a client sent, or DecimalTextError saying why it is not one. */
export function parseDecimalText(value: unknown): string {
  if (typeof value !== 'string') throw new DecimalTextError('A Decimal is a string such as "12.34", never a JSON number.');
  if (value.length > MAX_INPUT_INTEGER_DIGITS + MAX_INPUT_FRACTION_DIGITS + 2 || !PLAIN_DECIMAL.test(value))
    throw new DecimalTextError(`"${value.slice(0, 40)}" is not a plain decimal number such as "-12.34".`);
  const [integer, fraction = ''] = value.replace('-', '').split('.');
  if (integer.length > MAX_INPUT_INTEGER_DIGITS)
    throw new DecimalTextError(`A Decimal has at most ${MAX_INPUT_INTEGER_DIGITS} digits before the point.`);
  if (fraction.length > MAX_INPUT_FRACTION_DIGITS)
    throw new DecimalTextError(`A Decimal has at most ${MAX_INPUT_FRACTION_DIGITS} digits after the point.`);
  // "-0" and "-0.00" are zero; one spelling of zero keeps comparisons and cache keys simple.
  return /^-0(?:\.0+)?$/.test(value) ? value.slice(1) : value;
}

/** Whether a stored value (PostgreSQL numeric text) can go on the wire as a Decimal. */
export function isDecimalText(value: unknown): value is string {
  return typeof value === 'string' && PLAIN_DECIMAL.test(value);
}
