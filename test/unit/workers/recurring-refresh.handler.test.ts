import pino from 'pino';
import type { PlaidError } from 'plaid';
import { DomainError } from '../../../src/errors/domain-error';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import { toDomainError } from '../../../src/plaid/plaid-error-mapping';
import type { RecurringStreamService } from '../../../src/services/recurring-stream.service';
import { recurringRefreshHandler } from '../../../src/workers/recurring-refresh.handler';

const plaidError = (error_type: string, error_code: string) =>
  PlaidApiError.fromPlaidError('transactionsRecurringGet', { error_type, error_code, error_message: 'x' } as PlaidError);

describe('recurringRefreshHandler', () => {
  it.each([
    ['PRODUCT_NOT_READY (Plaid still gathering)', toDomainError(plaidError('ITEM_ERROR', 'PRODUCT_NOT_READY'), { itemId: 'i' }), 'retried'],
    ['a Plaid outage', toDomainError(plaidError('API_ERROR', 'INTERNAL_SERVER_ERROR'), { itemId: 'i' }), 'retried'],
    ['an unexpected error', new Error('connection reset'), 'retried'],
    [
      'login required (the Item status records it)',
      toDomainError(plaidError('ITEM_ERROR', 'ITEM_LOGIN_REQUIRED'), { itemId: 'i' }),
      'completed',
    ],
    ['a request Plaid refused as such', plaidError('INVALID_REQUEST', 'SOMETHING_NEW'), 'completed'],
    ['a contract error without a retry', new DomainError('NOT_FOUND', 'gone'), 'completed'],
  ])('%s: %s', async (_case, error, outcome) => {
    const streams = { refresh: async () => Promise.reject(error) } as unknown as RecurringStreamService;
    const run = recurringRefreshHandler(streams, pino({ level: 'silent' }))({ itemId: 'i', reason: 'test' });
    if (outcome === 'retried') await expect(run).rejects.toBe(error);
    else await expect(run).resolves.toBeUndefined();
  });
});
