import type { Transaction, TransactionStream } from 'plaid';
import { RecurringTransactionFrequency, TransactionStreamStatus } from '../data/plaid-enums';
import { DAY_MS, isoDate } from './emulator-clock';
import { derivedPlaidId } from './plaid-id';

/** A cadence the detector recognises: its typical gap in days and how far one gap may stray. */
interface Cadence {
  frequency: RecurringTransactionFrequency;
  days: number;
  tolerance: number;
  /** The next date after `last` (months keep their day of the month). */
  next(last: Date): Date;
}

function addDays(days: number): (last: Date) => Date {
  return (last) => new Date(last.getTime() + days * DAY_MS);
}

function addMonths(months: number): (last: Date) => Date {
  return (last) => new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + months, last.getUTCDate()));
}

const CADENCES: readonly Cadence[] = [
  { frequency: RecurringTransactionFrequency.Weekly, days: 7, tolerance: 1, next: addDays(7) },
  { frequency: RecurringTransactionFrequency.Biweekly, days: 14, tolerance: 2, next: addDays(14) },
  { frequency: RecurringTransactionFrequency.Monthly, days: 30, tolerance: 3, next: addMonths(1) },
  { frequency: RecurringTransactionFrequency.Annually, days: 365, tolerance: 7, next: addMonths(12) },
];

/** Plaid calls a stream MATURE from its third transaction. */
const MIN_OCCURRENCES = 3;
/** Share of the gaps that must match the cadence: one missed payment does not end a stream. */
const REGULAR_SHARE = 0.8;

export interface DetectedStreams {
  inflow_streams: TransactionStream[];
  outflow_streams: TransactionStream[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function cadenceOf(dates: number[]): Cadence | undefined {
  const gaps = dates.slice(1).map((date, index) => Math.round((date - dates[index]) / DAY_MS));
  const typical = median(gaps);
  const cadence = CADENCES.find((candidate) => Math.abs(typical - candidate.days) <= candidate.tolerance);
  if (!cadence) return undefined;
  const regular = gaps.filter((gap) => Math.abs(gap - cadence.days) <= cadence.tolerance).length;
  return regular >= REGULAR_SHARE * gaps.length ? cadence : undefined;
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function stream(itemKey: string, group: Transaction[], cadence: Cadence, today: number): TransactionStream {
  const last = group[group.length - 1];
  const lastDate = new Date(Date.parse(last.date));
  const predicted = cadence.next(lastDate);
  // Active while the next payment is not overdue by more than the cadence's slack.
  const active = today <= predicted.getTime() + cadence.tolerance * DAY_MS;
  const currency = { iso_currency_code: last.iso_currency_code, unofficial_currency_code: last.unofficial_currency_code };
  return {
    account_id: last.account_id,
    stream_id: derivedPlaidId(itemKey, 'stream', last.account_id, last.merchant_name ?? last.name, Math.sign(last.amount)),
    category: null,
    category_id: null,
    description: last.original_description ?? last.name,
    merchant_name: last.merchant_name ?? null,
    first_date: group[0].date,
    last_date: last.date,
    predicted_next_date: isoDate(predicted.getTime()),
    frequency: cadence.frequency,
    transaction_ids: group.map((transaction) => transaction.transaction_id),
    average_amount: { amount: cents(group.reduce((sum, transaction) => sum + transaction.amount, 0) / group.length), ...currency },
    last_amount: { amount: last.amount, ...currency },
    is_active: active,
    status: active ? TransactionStreamStatus.Mature : TransactionStreamStatus.Tombstoned,
    personal_finance_category: last.personal_finance_category ?? null,
    is_user_modified: false,
  };
}

/**
 * Finds recurring streams the way Plaid describes them: posted transactions of one account
 * to or from one counterparty (merchant, else name), money in and money out apart, at least
 * three of them on a weekly, biweekly, monthly or yearly cadence. Noise (a coffee shop several
 * times a week, a one-off flight) fits no cadence and is left out.
 */
export function detectRecurringStreams(itemKey: string, transactions: readonly Transaction[], today: number): DetectedStreams {
  const groups = new Map<string, Transaction[]>();
  for (const transaction of transactions) {
    if (transaction.pending) continue;
    const key = `${transaction.account_id}\u001f${transaction.merchant_name ?? transaction.name}\u001f${transaction.amount < 0 ? 'in' : 'out'}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(transaction);
  }
  const detected: DetectedStreams = { inflow_streams: [], outflow_streams: [] };
  for (const group of groups.values()) {
    if (group.length < MIN_OCCURRENCES) continue;
    group.sort((a, b) => (a.date === b.date ? a.transaction_id.localeCompare(b.transaction_id) : a.date < b.date ? -1 : 1));
    const cadence = cadenceOf(group.map((transaction) => Date.parse(transaction.date)));
    if (!cadence) continue;
    const found = stream(itemKey, group, cadence, today);
    (found.last_amount.amount! < 0 ? detected.inflow_streams : detected.outflow_streams).push(found);
  }
  const byStreamId = (a: TransactionStream, b: TransactionStream) => a.stream_id.localeCompare(b.stream_id);
  detected.inflow_streams.sort(byStreamId);
  detected.outflow_streams.sort(byStreamId);
  return detected;
}

/** The accounts whose streams differ between two detections (what RECURRING_TRANSACTIONS_UPDATE names). */
export function changedStreamAccounts(before: DetectedStreams, after: DetectedStreams): string[] {
  const fingerprints = (streams: DetectedStreams) =>
    new Map([...streams.inflow_streams, ...streams.outflow_streams].map((found) => [found.stream_id, JSON.stringify(found)]));
  const old = fingerprints(before);
  const fresh = fingerprints(after);
  const accounts = new Set<string>();
  for (const found of [...before.inflow_streams, ...before.outflow_streams, ...after.inflow_streams, ...after.outflow_streams]) {
    if (old.get(found.stream_id) !== fresh.get(found.stream_id)) accounts.add(found.account_id);
  }
  return [...accounts].sort();
}
