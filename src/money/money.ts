import type { Money } from '../schema/money.type';

/**
 * ISO 4217's code for "no currency involved": Plaid always names one of iso_currency_code and
 * unofficial_currency_code, but a null pair must still give a Money that no sum mixes up.
 */
export const NO_CURRENCY_CODE = 'XXX';

/** The currency a Plaid amount is in: its ISO code, else Plaid's unofficial one. */
export function currencyCodeOf(isoCurrencyCode: string | null, unofficialCurrencyCode: string | null): string {
  return isoCurrencyCode ?? unofficialCurrencyCode ?? NO_CURRENCY_CODE;
}

/** A stored numeric (exact text) in the currency Plaid gave; null stays null. */
export function moneyOf(amount: string, isoCurrencyCode: string | null, unofficialCurrencyCode: string | null): Money;
export function moneyOf(amount: string | null, isoCurrencyCode: string | null, unofficialCurrencyCode: string | null): Money | null;
export function moneyOf(amount: string | null, isoCurrencyCode: string | null, unofficialCurrencyCode: string | null): Money | null {
  return amount === null ? null : { amount, currencyCode: currencyCodeOf(isoCurrencyCode, unofficialCurrencyCode) };
}
