import { ItemStatus } from '../../../src/entities/item-status';
import { failedCallChange, itemErrorChange, statusForPlaidError } from '../../../src/plaid/item-status-for-error';

describe('item status for a Plaid error', () => {
  it.each([
    ['ITEM_LOGIN_REQUIRED', ItemStatus.LOGIN_REQUIRED],
    ['USER_PERMISSION_REVOKED', ItemStatus.REVOKED],
    ['ACCESS_NOT_GRANTED', ItemStatus.REVOKED],
    ['ITEM_LOCKED', ItemStatus.ERROR],
    ['INVALID_CREDENTIALS', ItemStatus.ERROR],
    ['UNKNOWN', ItemStatus.ERROR],
  ])('reads %s as %s', (code, status) => {
    expect(statusForPlaidError(code)).toBe(status);
  });

  it.each([
    [
      { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOCKED', error_message: 'locked', display_message: 'Locked.' },
      {
        status: ItemStatus.ERROR,
        reason: 'ITEM_LOCKED',
        error: { type: 'ITEM_ERROR', code: 'ITEM_LOCKED', message: 'locked', displayMessage: 'Locked.' },
      },
    ],
    [
      { error_code: 'ITEM_LOGIN_REQUIRED' },
      {
        status: ItemStatus.LOGIN_REQUIRED,
        reason: 'ITEM_LOGIN_REQUIRED',
        error: { type: 'ITEM_ERROR', code: 'ITEM_LOGIN_REQUIRED', message: '', displayMessage: null },
      },
    ],
    [
      {},
      { status: ItemStatus.ERROR, reason: 'UNKNOWN', error: { type: 'ITEM_ERROR', code: 'UNKNOWN', message: '', displayMessage: null } },
    ],
  ])('an Item error Plaid reports about the Item (%j) always moves it', (error, change) => {
    expect(itemErrorChange(error)).toEqual(change);
  });

  it.each([
    ['ITEM_LOGIN_REQUIRED', 'ITEM_ERROR', ItemStatus.LOGIN_REQUIRED],
    ['USER_PERMISSION_REVOKED', 'ITEM_ERROR', ItemStatus.REVOKED],
    ['ACCESS_NOT_GRANTED', 'ITEM_ERROR', ItemStatus.REVOKED],
    ['RATE_LIMIT_EXCEEDED', 'RATE_LIMIT_EXCEEDED', undefined],
    ['INSTITUTION_DOWN', 'INSTITUTION_ERROR', undefined],
    ['PRODUCT_NOT_READY', 'ITEM_ERROR', undefined],
    ['ITEM_NOT_FOUND', 'ITEM_ERROR', undefined],
    ['INTERNAL_SERVER_ERROR', 'API_ERROR', undefined],
  ])('a call failing with %s moves the Item to %s', (code, type, status) => {
    const change = failedCallChange({ error_type: type, error_code: code, error_message: 'm', display_message: null });
    expect(change?.status).toBe(status);
    if (change) expect(change).toMatchObject({ reason: code, error: { type, code, message: 'm', displayMessage: null } });
  });

  it('a failure without a Plaid error code says nothing about the Item', () => {
    expect(failedCallChange({})).toBeUndefined();
  });
});
