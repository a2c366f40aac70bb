import Decimal from 'decimal.js';

/**
 * Exact amounts of money. A JSON or GraphQL number is read as the shortest decimal that
 * round-trips to it (what its writer meant: 0.1, not 0.1000000000000000055), and every
 * comparison and decimal count is done on that decimal, never on a float product such as
 * `amount * 100`, which is off for large amounts.
 */
export function exactAmount(value: number): Decimal {
  return new Decimal(String(value));
}

/** Digits after the point an amount in this ISO 4217 currency may have (USD 2, JPY 0, BHD 3). */
export function minorUnitDigits(isoCurrencyCode: string | null): number {
  if (isoCurrencyCode === null) return DEFAULT_MINOR_UNIT_DIGITS;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: isoCurrencyCode }).resolvedOptions().maximumFractionDigits ??
      DEFAULT_MINOR_UNIT_DIGITS
    );
  } catch {
    // Plaid's unofficial currencies (crypto, points) have no ISO digits.
    return DEFAULT_MINOR_UNIT_DIGITS;
  }
}

/** For an account Plaid reports without an ISO currency. */
const DEFAULT_MINOR_UNIT_DIGITS = 2;

export { Decimal };
