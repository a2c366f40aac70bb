import pino from 'pino';
import type { TransactionStream } from 'plaid';
import { ItemStatus } from '../../../src/entities/item-status';
import { RecurringStreamService } from '../../../src/services/recurring-stream.service';

function serviceWith(amount: number, status = ItemStatus.ACTIVE) {
  const stored: unknown[][] = [];
  const listed: unknown[] = [];
  const plaidStream = {
    account_id: 'acc-1',
    stream_id: 'stream-1',
    description: 'RENT',
    merchant_name: null,
    first_date: '2026-01-01',
    last_date: '2026-03-01',
    frequency: 'MONTHLY',
    transaction_ids: ['tx-1'],
    average_amount: { amount, iso_currency_code: 'USD' },
    last_amount: { amount, iso_currency_code: 'USD' },
    is_active: true,
    status: 'MATURE',
  } as unknown as TransactionStream;
  const manager = { query: async () => [] };
  let failure: Error | null = null;
  const service = new RecurringStreamService({
    dataSource: { transaction: (work: (db: unknown) => unknown) => work(manager) } as never,
    itemPlaid: {
      call: async () => {
        if (failure) throw failure;
        return { inflow_streams: [], outflow_streams: [plaidStream] };
      },
    } as never,
    items: { findById: async () => ({ id: 'item-1', status }) } as never,
    streams: {
      replaceForItem: async (_db: unknown, itemId: string, streams: unknown[]) => (stored.push([itemId, streams]), streams.length),
      list: async (...args: unknown[]) => (listed.push(args), []),
    } as never,
    maxAccountIds: 3,
    logger: pino({ level: 'silent' }),
  });
  return { service, stored, listed, failWith: (error: Error) => (failure = error) };
}

describe('RecurringStreamService.refresh', () => {
  it.each([
    ['an integer', 1200, '1200'],
    ['a decimal a float cannot hold exactly', 0.1, '0.1'],
    ['the float sum that is not 0.3', 0.1 + 0.2, '0.30000000000000004'],
    ['a tiny amount, never in exponent form', 1e-7, '0.0000001'],
    ['a negative amount (money in)', -2875.5, '-2875.5'],
    ['a large amount', 12345678.9, '12345678.9'],
  ])('stores %s as the shortest decimal Plaid wrote', async (_case, amount, text) => {
    const { service, stored } = serviceWith(amount);
    await service.refresh('item-1', 'test');
    expect(stored).toEqual([['item-1', [expect.objectContaining({ averageAmount: text, lastAmount: text, direction: 'OUTFLOW' })]]]);
  });

  it('writes nothing when Plaid fails (PRODUCT_NOT_READY, an outage): the stored copy stays', async () => {
    const { service, stored, failWith } = serviceWith(1);
    failWith(new Error('PRODUCT_NOT_READY'));
    await expect(service.refresh('item-1', 'test')).rejects.toThrow('PRODUCT_NOT_READY');
    expect(stored).toEqual([]);
  });

  it('keeps nothing new for a revoked Item', async () => {
    const { service, stored } = serviceWith(1, ItemStatus.REVOKED);
    await service.refresh('item-1', 'test');
    expect(stored).toEqual([]);
  });
});

describe('RecurringStreamService.list', () => {
  it('refuses more accountIds than the bound with BAD_USER_INPUT, and reads nothing', async () => {
    const { service, listed } = serviceWith(1);
    await expect(service.list('user', { accountIds: ['a', 'b', 'c', 'd'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(listed).toEqual([]);
  });

  it('answers none for an itemId that cannot be one, and leaves out account ids that cannot be one', async () => {
    const { service, listed } = serviceWith(1);
    expect(await service.list('user', { itemId: 'not-an-id' })).toEqual([]);
    const id = '00000000-0000-4000-8000-000000000001';
    await service.list('user', { accountIds: [id, 'bad', id], direction: null });
    expect(listed).toEqual([['user', { itemId: null, accountIds: [id], direction: null }]]);
  });
});
