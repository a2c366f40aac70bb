import type { TransactionStream, TransactionsRecurringGetResponse } from 'plaid';
import { fetchRecurringStreams } from '../../../src/plaid/recurring-streams';

const sealed = { id: 'item-1', accessTokenKeyId: 'k', accessTokenCiphertext: Buffer.from([0]) };

function stream(overrides: Partial<TransactionStream> = {}): TransactionStream {
  return {
    account_id: 'acc-1',
    stream_id: 'stream-1',
    category: null,
    category_id: null,
    description: 'INITECH PAYROLL',
    merchant_name: 'Initech',
    first_date: '2026-01-02',
    last_date: '2026-03-27',
    predicted_next_date: '2026-04-10',
    frequency: 'BIWEEKLY' as TransactionStream['frequency'],
    transaction_ids: ['tx-1', 'tx-2'],
    average_amount: { amount: -2875, iso_currency_code: 'USD', unofficial_currency_code: null },
    last_amount: { amount: -2875, iso_currency_code: 'USD', unofficial_currency_code: null },
    is_active: true,
    status: 'MATURE' as TransactionStream['status'],
    personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
    is_user_modified: false,
    ...overrides,
  };
}

async function fetched(inflow: TransactionStream[], outflow: TransactionStream[] = []) {
  const answer = { inflow_streams: inflow, outflow_streams: outflow, updated_datetime: '2026-03-28T00:00:00Z', request_id: 'r' };
  const calls: unknown[] = [];
  const itemPlaid = {
    call: async (...args: unknown[]) => {
      calls.push(args);
      return answer as TransactionsRecurringGetResponse;
    },
  };
  return { streams: await fetchRecurringStreams(itemPlaid as never, sealed), calls };
}

describe('fetchRecurringStreams', () => {
  it('asks /transactions/recurring/get as background work (no interactive deadline)', async () => {
    const { calls } = await fetched([]);
    expect(calls).toEqual([[sealed, 'transactionsRecurringGet', {}, { deadlineMs: null }]]);
  });

  it("keeps Plaid's numbers as they came (the service turns them into exact decimals)", async () => {
    const { streams } = await fetched([
      stream({ average_amount: { amount: 0.1, iso_currency_code: 'USD' }, last_amount: { amount: -2875 } }),
    ]);
    expect(streams[0]).toMatchObject({ averageAmount: 0.1, lastAmount: -2875, isoCurrencyCode: 'USD' });
  });

  it('maps direction, category and dates, and reads values Plaid may add later as UNKNOWN', async () => {
    const { streams } = await fetched(
      [stream()],
      [stream({ stream_id: 'stream-2', frequency: 'FORTNIGHTLY' as never, status: 'NEW' as never, predicted_next_date: undefined })],
    );
    expect(streams).toEqual([
      expect.objectContaining({
        direction: 'INFLOW',
        category: 'INCOME',
        frequency: 'BIWEEKLY',
        status: 'MATURE',
        predictedNextDate: '2026-04-10',
      }),
      expect.objectContaining({
        direction: 'OUTFLOW',
        plaidStreamId: 'stream-2',
        frequency: 'UNKNOWN',
        status: 'UNKNOWN',
        predictedNextDate: null,
      }),
    ]);
    expect(streams[0].plaidTransactionIds).toEqual(['tx-1', 'tx-2']);
  });

  it('leaves out a stream without an amount, and takes the currency from the last amount when the average has none', async () => {
    const { streams } = await fetched([
      stream({ stream_id: 'no-amount', average_amount: {} }),
      stream({
        stream_id: 'btc',
        average_amount: { amount: 1 },
        last_amount: { amount: 1, iso_currency_code: null, unofficial_currency_code: 'BTC' },
      }),
    ]);
    expect(streams.map((found) => [found.plaidStreamId, found.isoCurrencyCode, found.unofficialCurrencyCode])).toEqual([
      ['btc', null, 'BTC'],
    ]);
  });
});
