/**
 * The app's one sign convention: on screen money in is positive and money out negative, in
 * the table, in the Min/Max filters and in the sandbox's amount alike. Plaid's (and so the
 * API's) sign is the opposite: a positive amount is money out of the account.
 */
export const AMOUNT_SIGN_NOTE = 'Money in is positive, money out negative (Plaid counts the other way round).';

/** An API amount as the app shows it. */
export function shownAmount(apiAmount: number): number {
  return -apiAmount;
}

/** An amount typed in the app's sign, for the API (negating a double is exact); undefined when empty or not a number. */
export function apiAmount(typed: string): number | undefined {
  const value = Number(typed.trim());
  return typed.trim() === '' || !Number.isFinite(value) ? undefined : -value;
}
