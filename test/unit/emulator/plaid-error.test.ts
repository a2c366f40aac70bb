import { PlaidApiError, plaidErrorBody, type PlaidErrorCode } from '../../../src/emulator/plaid-error';
import { plaidOpenApiValidator } from '../../support/openapi-validator';

const CODES: PlaidErrorCode[] = [
  'MISSING_FIELDS', 'INVALID_API_KEYS', 'ITEM_LOGIN_REQUIRED', 'INSTITUTION_DOWN', 'INTERNAL_SERVER_ERROR',
  'PLANNED_MAINTENANCE', 'ACCOUNTS_BALANCE_GET_LIMIT', 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
  'SANDBOX_WEBHOOK_INVALID', 'NOT_FOUND',
];

it.each(CODES)('%s is a Plaid error object as the spec defines it', (code) => {
  const body = { ...plaidErrorBody(code), request_id: 'abc' };
  expect(plaidOpenApiValidator().validateComponent('PlaidError', body)).toEqual([]);
  expect(body.status).toBe(PlaidApiError.of(code).status);
});

it('carries Plaid HTTP statuses', () => {
  expect(PlaidApiError.of('ACCOUNTS_LIMIT').status).toBe(429);
  expect(PlaidApiError.of('INTERNAL_SERVER_ERROR').status).toBe(500);
  expect(PlaidApiError.of('PLANNED_MAINTENANCE').status).toBe(503);
  expect(PlaidApiError.of('NOT_FOUND').status).toBe(404);
  expect(PlaidApiError.of('ITEM_LOCKED').status).toBe(400);
});
