import { EmulatedPlaidError, plaidErrorBody, type PlaidErrorCode } from '../../../src/errors/plaid-error';
import { plaidOpenApiValidator } from '../../support/openapi-validator';

const CODES: PlaidErrorCode[] = [
  'MISSING_FIELDS',
  'INVALID_API_KEYS',
  'ITEM_LOGIN_REQUIRED',
  'INSTITUTION_DOWN',
  'INTERNAL_SERVER_ERROR',
  'PLANNED_MAINTENANCE',
  'ACCOUNTS_BALANCE_GET_LIMIT',
  'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
  'SANDBOX_WEBHOOK_INVALID',
  'NOT_FOUND',
];

it.each(CODES)('%s is a Plaid error object as the spec defines it', (code) => {
  const body = { ...plaidErrorBody(code), request_id: 'abc' };
  expect(plaidOpenApiValidator().validateComponent('PlaidError', body)).toEqual([]);
  expect(body.status).toBe(EmulatedPlaidError.of(code).status);
});

it('carries Plaid HTTP statuses', () => {
  expect(EmulatedPlaidError.of('ACCOUNTS_LIMIT').status).toBe(429);
  expect(EmulatedPlaidError.of('INTERNAL_SERVER_ERROR').status).toBe(500);
  expect(EmulatedPlaidError.of('PLANNED_MAINTENANCE').status).toBe(503);
  expect(EmulatedPlaidError.of('NOT_FOUND').status).toBe(404);
  expect(EmulatedPlaidError.of('ITEM_LOCKED').status).toBe(400);
});
