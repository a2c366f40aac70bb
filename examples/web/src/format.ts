/** Plain decimal text as the gateway sends and accepts it ("-12.34", "0.3", "1000"). */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Intl needs a well-formed ISO 4217 code; Plaid's unofficial codes (a crypto currency's) may not be one. */
const ISO_CURRENCY = /^[A-Z]{3}$/;

/**
 * An exact Decimal (a string) as money, never through a float: Intl.NumberFormat formats a
 * string as the exact decimal it spells (ECMA-402 NumberFormat v3, every current browser).
 * Grouping and symbol are the locale's; the currency's own digits are the least shown, and
 * more are kept when the amount has them, so nothing is rounded away.
 */
export function money(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const digits = amount.split('.')[1]?.length ?? 0;
  const exact = amount as Intl.StringNumericLiteral;
  if (!ISO_CURRENCY.test(currency ?? '')) {
    return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(exact)} ${currency ?? ''}`.trim();
  }
  const currencyDigits =
    new Intl.NumberFormat('en-US', { style: 'currency', currency: currency! }).resolvedOptions().minimumFractionDigits ?? 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency!,
    minimumFractionDigits: currencyDigits,
    maximumFractionDigits: Math.max(currencyDigits, digits),
  }).format(exact);
}

/** Whether typed text is a plain decimal the gateway takes as a Decimal. */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/** Whether a Decimal is zero ("0", "-0.00"), read from its text. */
export function isZero(amount: string): boolean {
  return /^-?0+(?:\.0+)?$/.test(amount);
}

/** The opposite amount, by its text: exact for any number of digits. Zero stays unsigned. */
export function negated(amount: string): string {
  if (isZero(amount)) return amount.replace('-', '');
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}

/** Whether a Decimal is above zero, read from its text. */
export function isPositive(amount: string): boolean {
  return !amount.startsWith('-') && !isZero(amount);
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** A Plaid category ("FOOD_AND_DRINK") in words; a user's own category reads as typed. */
export function categoryLabel(category: string | null | undefined): string {
  if (!category) return '';
  return /^[A-Z_]+$/.test(category) ? category.toLowerCase().replace(/_/g, ' ') : category;
}
