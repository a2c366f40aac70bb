import { AxiosError } from 'axios';
import { PlaidErrorType } from 'plaid';
import { ItemEvent } from '../../../src/entities/item-state-machine';
import { DomainError } from '../../../src/errors/domain-error';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import { isTransient, readPlaidError, toDomainError } from '../../../src/plaid/plaid-error-mapping';

/** [type, code, contract code (undefined: the gateway's own request refused), retried, Item event] */
type Row = [string, string, string | undefined, boolean, ItemEvent | undefined];

const item = (code: string, contract: string | undefined, retried: boolean, event?: ItemEvent): Row => [
  PlaidErrorType.ItemError,
  code,
  contract,
  retried,
  event,
];
const institution = (code: string, contract: string | undefined, retried: boolean, event?: ItemEvent): Row => [
  PlaidErrorType.InstitutionError,
  code,
  contract,
  retried,
  event,
];

const ROWS: Row[] = [
  item('ITEM_LOGIN_REQUIRED', 'ITEM_LOGIN_REQUIRED', false, ItemEvent.LOGIN_REQUIRED),
  item('USER_PERMISSION_REVOKED', 'USER_PERMISSION_REVOKED', false, ItemEvent.ACCESS_REVOKED),
  item('ACCESS_NOT_GRANTED', 'ACCESS_NOT_GRANTED', false, ItemEvent.ACCESS_REVOKED),
  item('ITEM_NOT_FOUND', 'ITEM_NOT_FOUND', false, ItemEvent.ACCESS_REVOKED),
  item('ITEM_CONCURRENTLY_DELETED', 'ITEM_NOT_FOUND', false, ItemEvent.ACCESS_REVOKED),
  item('PRODUCTS_NOT_SUPPORTED', 'PRODUCTS_NOT_SUPPORTED', false),
  item('PRODUCT_NOT_ENABLED', 'PRODUCTS_NOT_SUPPORTED', false),
  item('NO_AUTH_ACCOUNTS', 'PRODUCTS_NOT_SUPPORTED', false),
  item('NO_INVESTMENT_ACCOUNTS', 'PRODUCTS_NOT_SUPPORTED', false),
  item('NO_INVESTMENT_AUTH_ACCOUNTS', 'PRODUCTS_NOT_SUPPORTED', false),
  item('NO_LIABILITY_ACCOUNTS', 'PRODUCTS_NOT_SUPPORTED', false),
  item('PRODUCT_NOT_READY', 'PLAID_UNAVAILABLE', true),
  ...[
    'ITEM_LOCKED',
    'ITEM_NOT_SUPPORTED',
    'INSUFFICIENT_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'INVALID_MFA',
    'INVALID_SEND_METHOD',
    'INVALID_UPDATED_USERNAME',
    'INVALID_PHONE_NUMBER',
    'INVALID_OTP',
    'INSTANT_MATCH_FAILED',
    'MFA_NOT_SUPPORTED',
    'NO_ACCOUNTS',
    'PASSWORD_RESET_REQUIRED',
    'USER_INPUT_TIMEOUT',
    'USER_SETUP_REQUIRED',
    'A_CODE_PLAID_ADDS_LATER',
  ].map((code) => item(code, 'ITEM_ERROR', false, ItemEvent.ITEM_ERROR)),
  institution('INSTITUTION_DOWN', 'PLAID_UNAVAILABLE', true),
  institution('INSTITUTION_NOT_RESPONDING', 'PLAID_UNAVAILABLE', true),
  institution('INSTITUTION_NOT_AVAILABLE', 'PLAID_UNAVAILABLE', true),
  institution('A_CODE_PLAID_ADDS_LATER', 'PLAID_UNAVAILABLE', true),
  institution('INSTITUTION_NO_LONGER_SUPPORTED', 'ITEM_ERROR', false, ItemEvent.ITEM_ERROR),
  institution('INSTITUTION_NOT_SUPPORTED', 'ITEM_ERROR', false, ItemEvent.ITEM_ERROR),
  institution('INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT', undefined, false),
  institution('INSTITUTION_NOT_FOUND', undefined, false),
  institution('INSTITUTION_REGISTRATION_REQUIRED', undefined, false),
  institution('UNAUTHORIZED_INSTITUTION', undefined, false),
  [PlaidErrorType.RateLimitExceeded, 'TRANSACTIONS_SYNC_LIMIT', 'RATE_LIMITED', true, undefined],
  [PlaidErrorType.RateLimitExceeded, 'ACCOUNTS_BALANCE_GET_LIMIT', 'RATE_LIMITED', true, undefined],
  [PlaidErrorType.ApiError, 'INTERNAL_SERVER_ERROR', 'PLAID_UNAVAILABLE', true, undefined],
  [PlaidErrorType.ApiError, 'PLANNED_MAINTENANCE', 'PLAID_UNAVAILABLE', true, undefined],
  [PlaidErrorType.InvalidInput, 'INVALID_ACCESS_TOKEN', 'ITEM_NOT_FOUND', false, ItemEvent.ITEM_ERROR],
  [PlaidErrorType.InvalidInput, 'INVALID_API_KEYS', undefined, false, undefined],
  [PlaidErrorType.InvalidRequest, 'MISSING_FIELDS', undefined, false, undefined],

  [PlaidErrorType.SandboxError, 'SANDBOX_PRODUCT_NOT_ENABLED', undefined, false, undefined],
  // Every other type is a product or flow the gateway never calls.
  ...Object.values(PlaidErrorType)
    .filter(
      (type) =>
        ![
          PlaidErrorType.ItemError,
          PlaidErrorType.InstitutionError,
          PlaidErrorType.RateLimitExceeded,
          PlaidErrorType.ApiError,
          PlaidErrorType.InvalidInput,
          PlaidErrorType.TransactionsError,
        ].includes(type),
    )
    .map((type): Row => [type, 'ANY_CODE', undefined, false, undefined]),
  ['A_TYPE_PLAID_ADDS_LATER', 'ANY_CODE', undefined, false, undefined],
];

describe('item 8: every Plaid error read in one place', () => {
  it.each(ROWS)('item 8: %s %s is %s (retried: %s, Item event: %s)', (type, code, contract, retried, event) => {
    const reading = readPlaidError(type, code, 400);
    expect(reading.code).toBe(contract);
    expect(reading.retryAfterSeconds !== undefined).toBe(retried);
    expect(reading.itemEvent).toBe(event);
    if (!retried) expect(reading.message).not.toMatch(/try again later/);

    const failure = PlaidApiError.fromPlaidError('transactionsSync', {
      error_type: type,
      error_code: code,
      error_message: 'm',
      display_message: null,
      request_id: 'r',
    } as never);
    expect(isTransient(failure)).toBe(retried);
    const answer = toDomainError(failure, { itemId: 'i1' });
    if (contract === undefined) expect(answer).toBe(failure);
    else {
      expect(answer).toBeInstanceOf(DomainError);
      expect(answer).toMatchObject({ code: contract, details: { itemId: 'i1', plaidErrorCode: code, plaidRequestId: 'r' } });
      expect((answer as DomainError).details.retryAfterSeconds !== undefined).toBe(retried);
    }
  });

  it.each([
    [429, 'RATE_LIMITED'],
    [500, 'PLAID_UNAVAILABLE'],
    [503, 'PLAID_UNAVAILABLE'],
    [400, undefined],
  ])('item 8: an answer %s without Plaid error object is %s', (status, contract) => {
    expect(readPlaidError(undefined, undefined, status).code).toBe(contract);
  });

  it('item 8: a mutation during pagination is worth a later sync, but not the same page request again', () => {
    const failure = PlaidApiError.fromPlaidError('transactionsSync', {
      error_type: PlaidErrorType.TransactionsError,
      error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
      error_message: 'm',
      display_message: null,
      request_id: 'r',
    });
    expect(isTransient(failure)).toBe(false);
    expect(toDomainError(failure)).toMatchObject({ code: 'PLAID_UNAVAILABLE', details: { retryAfterSeconds: 30 } });
  });

  it('item 8: a timeout is PLAID_UNAVAILABLE with a retry hint', () => {
    const timeout = PlaidApiError.from('itemGet', new AxiosError('timeout of 1ms exceeded', 'ECONNABORTED'));
    expect(isTransient(timeout)).toBe(true);
    expect(toDomainError(timeout)).toMatchObject({ code: 'PLAID_UNAVAILABLE', details: { retryAfterSeconds: 30 } });
  });
});
