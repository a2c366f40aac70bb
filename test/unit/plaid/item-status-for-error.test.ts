import { PlaidErrorType } from 'plaid';
import { ItemEvent } from '../../../src/entities/item-state-machine';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import { failedCallChange, itemErrorChange } from '../../../src/plaid/item-status-for-error';

describe('the Item event a Plaid error names', () => {
  it.each([
    [
      { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOCKED', error_message: 'locked', display_message: 'Locked.' },
      {
        event: ItemEvent.ITEM_ERROR,
        reason: 'ITEM_LOCKED',
        error: { type: 'ITEM_ERROR', code: 'ITEM_LOCKED', message: 'locked', displayMessage: 'Locked.' },
      },
    ],
    [
      { error_code: 'ITEM_LOGIN_REQUIRED' },
      {
        event: ItemEvent.LOGIN_REQUIRED,
        reason: 'ITEM_LOGIN_REQUIRED',
        error: { type: 'ITEM_ERROR', code: 'ITEM_LOGIN_REQUIRED', message: '', displayMessage: null },
      },
    ],
    [
      { error_type: 'INSTITUTION_ERROR', error_code: 'INSTITUTION_DOWN' },
      {
        event: ItemEvent.ITEM_ERROR,
        reason: 'INSTITUTION_DOWN',
        error: { type: 'INSTITUTION_ERROR', code: 'INSTITUTION_DOWN', message: '', displayMessage: null },
      },
    ],
    [
      {},
      { event: ItemEvent.ITEM_ERROR, reason: 'UNKNOWN', error: { type: 'ITEM_ERROR', code: 'UNKNOWN', message: '', displayMessage: null } },
    ],
  ])('an Item error Plaid reports about the Item (%j) always moves it', (error, change) => {
    expect(itemErrorChange(error)).toEqual(change);
  });

  it.each([
    ['ITEM_LOGIN_REQUIRED', PlaidErrorType.ItemError, ItemEvent.LOGIN_REQUIRED],
    ['USER_PERMISSION_REVOKED', PlaidErrorType.ItemError, ItemEvent.ACCESS_REVOKED],
    ['ACCESS_NOT_GRANTED', PlaidErrorType.ItemError, ItemEvent.ACCESS_REVOKED],
    ['ITEM_NOT_FOUND', PlaidErrorType.ItemError, ItemEvent.ACCESS_REVOKED],
    ['ITEM_LOCKED', PlaidErrorType.ItemError, ItemEvent.ITEM_ERROR],
    ['INVALID_ACCESS_TOKEN', PlaidErrorType.InvalidInput, ItemEvent.ITEM_ERROR],
    ['RATE_LIMIT_EXCEEDED', PlaidErrorType.RateLimitExceeded, undefined],
    ['INSTITUTION_DOWN', PlaidErrorType.InstitutionError, undefined],
    ['PRODUCT_NOT_READY', PlaidErrorType.ItemError, undefined],
    ['PRODUCTS_NOT_SUPPORTED', PlaidErrorType.ItemError, undefined],
    ['INTERNAL_SERVER_ERROR', PlaidErrorType.ApiError, undefined],
  ])('a call failing with %s (%s) reports %s', (code, type, event) => {
    const failure = PlaidApiError.fromPlaidError('transactionsSync', {
      error_type: type,
      error_code: code,
      error_message: 'm',
      display_message: null,
    });
    const change = failedCallChange(failure);
    expect(change?.event).toBe(event);
    if (change) expect(change).toMatchObject({ reason: code, error: { type, code, message: 'm', displayMessage: null } });
  });
});
