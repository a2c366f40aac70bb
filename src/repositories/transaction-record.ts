/** A stored transaction as the API reads it; amount is the exact numeric string. */
export interface TransactionRecord {
  id: string;
  plaidTransactionId: string;
  accountId: string;
  amount: string;
  isoCurrencyCode: string | null;
  unofficialCurrencyCode: string | null;
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  category: string | null;
  categoryDetailed: string | null;
  pending: boolean;
  pendingTransactionId: string | null;
  paymentChannel: string | null;
  logoUrl: string | null;
  website: string | null;
}

// Dates as text: node-pg would turn a date into a local-midnight JS Date and shift the day.
export const COLUMNS: Record<keyof TransactionRecord, string> = {
  id: 't.id',
  plaidTransactionId: 't.plaid_transaction_id AS "plaidTransactionId"',
  accountId: 't.account_id AS "accountId"',
  amount: 't.amount::text AS amount',
  isoCurrencyCode: 't.iso_currency_code AS "isoCurrencyCode"',
  unofficialCurrencyCode: 't.unofficial_currency_code AS "unofficialCurrencyCode"',
  date: 't.date::text AS date',
  authorizedDate: 't.authorized_date::text AS "authorizedDate"',
  name: 't.name',
  merchantName: 't.merchant_name AS "merchantName"',
  category: 't.category',
  categoryDetailed: 't.category_detailed AS "categoryDetailed"',
  pending: 't.pending',
  pendingTransactionId: 't.pending_transaction_id AS "pendingTransactionId"',
  paymentChannel: 't.payment_channel AS "paymentChannel"',
  logoUrl: 't.logo_url AS "logoUrl"',
  website: 't.website',
};
export const RECORD_COLUMNS = Object.values(COLUMNS).join(', ');

/** What every page record holds: its keyset position and its account. */
export const KEY_FIELDS = ['id', 'date', 'accountId'] as const;

export type TransactionField = keyof TransactionRecord;

/** A transaction of a page: its key fields and the fields asked for. */
export type PageRecord = Pick<TransactionRecord, (typeof KEY_FIELDS)[number]> & Partial<TransactionRecord>;

export function isTransactionField(name: string): name is TransactionField {
  return Object.hasOwn(COLUMNS, name);
}

/** Fields of the API's Transaction made from other record fields (effectiveCategory falls back to Plaid's category). */
const COMPOSED_FIELDS: Record<string, readonly TransactionField[]> = {
  money: ['amount', 'isoCurrencyCode', 'unofficialCurrencyCode'],
  effectiveCategory: ['category'],
};

/** The record fields a selected Transaction field is made of (none for a field the record does not hold). */
export function recordFieldsOf(name: string): readonly TransactionField[] {
  if (isTransactionField(name)) return [name];
  return Object.hasOwn(COMPOSED_FIELDS, name) ? COMPOSED_FIELDS[name] : [];
}

/** Whose transactions a page walks: all of the caller's, one Item's, one account's or those a recurring stream names. */
export type TransactionScope = 'user' | 'item' | 'account' | 'recurringStream';

/** The filters of the contract's TransactionFilter. */
export interface TransactionCriteria {
  itemId?: string | null;
  accountIds?: string[] | null;
  from?: string | null;
  to?: string | null;
  pending?: boolean | null;
  /** Matches the effective category: the user's override, else Plaid's primary or detailed category. */
  category?: string | null;
  /** Transactions whose annotation carries every one of these tags. */
  tags?: string[] | null;
  /** true: only hidden ones; false: only the others; null: both. */
  hidden?: boolean | null;
  search?: string | null;
  minAmount?: number | null;
  maxAmount?: number | null;
  /** Exact Decimal text, already checked by the Decimal scalar. */
  minExactAmount?: string | null;
  maxExactAmount?: string | null;
}
