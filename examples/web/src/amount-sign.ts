import { isPlainDecimal, negated } from './format';

/**
 * The app's one sign convention: on screen money in is positive and money out negative, in
 * the table, in the Min/Max filters and in the sandbox's amount alike. Plaid's (and so the
 * API's) sign is the opposite: a positive amount is money out of the account.
 */
export const AMOUNT_SIGN_NOTE = 'Money in is positive, money out negative (Plaid counts the other way round).';

/** An API amount (a Decimal) as the app shows it. */
export function shownAmount(apiAmount: string): string {
  return negated(apiAmount);
}

/** An amount typed in the app's sign, as a Decimal for the API; undefined when empty or not a plain decimal. */
export function apiAmount(typed: string): string | undefined {
  const text = typed.trim();
  return isPlainDecimal(text) ? negated(text) : undefined;
}
