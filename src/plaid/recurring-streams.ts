import type { TransactionStream } from 'plaid';
import { FlowDirection, RecurringFrequency, RecurringStreamStatus } from '../entities/recurring-stream-kinds';
import type { ItemPlaid, SealedItem } from './item-plaid';

/** One stream as the gateway stores it, still keyed by Plaid's account id. */
export interface FetchedStream {
  plaidStreamId: string;
  plaidAccountId: string;
  direction: FlowDirection;
  description: string;
  merchantName: string | null;
  category: string | null;
  frequency: RecurringFrequency;
  status: RecurringStreamStatus;
  isActive: boolean;
  /** Plaid's JSON numbers, as Plaid wrote them (the service stores their shortest decimal form). */
  averageAmount: number;
  lastAmount: number;
  isoCurrencyCode: string | null;
  unofficialCurrencyCode: string | null;
  firstDate: string;
  lastDate: string;
  predictedNextDate: string | null;
  plaidTransactionIds: string[];
}

/**
 * The Item's recurring streams from /transactions/recurring/get, as background work (no
 * interactive deadline: the retry policy's attempts bound it). A stream Plaid sends without an
 * amount has nothing to show as Money and is left out.
 */
export async function fetchRecurringStreams(itemPlaid: Pick<ItemPlaid, 'call'>, item: SealedItem): Promise<FetchedStream[]> {
  const answer = await itemPlaid.call(item, 'transactionsRecurringGet', {}, { deadlineMs: null });
  return [
    ...answer.inflow_streams.flatMap((stream) => storedStream(stream, FlowDirection.INFLOW)),
    ...answer.outflow_streams.flatMap((stream) => storedStream(stream, FlowDirection.OUTFLOW)),
  ];
}

function storedStream(stream: TransactionStream, direction: FlowDirection): FetchedStream[] {
  const average = stream.average_amount.amount;
  const last = stream.last_amount.amount;
  if (average === undefined || last === undefined) return [];
  const currency =
    stream.average_amount.iso_currency_code || stream.average_amount.unofficial_currency_code ? stream.average_amount : stream.last_amount;
  return [
    {
      plaidStreamId: stream.stream_id,
      plaidAccountId: stream.account_id,
      direction,
      description: stream.description,
      merchantName: stream.merchant_name,
      category: stream.personal_finance_category?.primary ?? null,
      frequency: known(RecurringFrequency, stream.frequency, RecurringFrequency.UNKNOWN),
      status: known(RecurringStreamStatus, stream.status, RecurringStreamStatus.UNKNOWN),
      isActive: stream.is_active,
      averageAmount: average,
      lastAmount: last,
      isoCurrencyCode: currency.iso_currency_code ?? null,
      unofficialCurrencyCode: currency.unofficial_currency_code ?? null,
      firstDate: stream.first_date,
      lastDate: stream.last_date,
      predictedNextDate: stream.predicted_next_date ?? null,
      plaidTransactionIds: stream.transaction_ids,
    },
  ];
}

/** A value Plaid may extend later reads as UNKNOWN rather than failing the refresh. */
function known<E extends Record<string, string>>(values: E, value: string, otherwise: E[keyof E]): E[keyof E] {
  return Object.values<string>(values).includes(value) ? (value as E[keyof E]) : otherwise;
}
