import { moneyOf } from '../money/money';
import type { RecurringStream } from '../schema/recurring-stream.type';
import type { RecurringStreamRecord } from '../services/recurring-stream.service';

export function toRecurringStream(record: RecurringStreamRecord): RecurringStream {
  const money = (amount: string) => moneyOf(amount, record.isoCurrencyCode, record.unofficialCurrencyCode);
  return {
    id: record.id,
    accountId: record.accountId,
    direction: record.direction,
    description: record.description,
    merchantName: record.merchantName,
    category: record.category,
    frequency: record.frequency,
    status: record.status,
    isActive: record.isActive,
    averageAmount: money(record.averageAmount),
    lastAmount: money(record.lastAmount),
    firstDate: record.firstDate,
    lastDate: record.lastDate,
    predictedNextDate: record.predictedNextDate,
  };
}
