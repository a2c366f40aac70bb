import { ItemStatus } from '../entities/item-status';

/** How an Item error from Plaid reads as the contract's ItemStatus. */
export function statusForPlaidError(errorCode: string): ItemStatus {
  switch (errorCode) {
    case 'ITEM_LOGIN_REQUIRED':
      return ItemStatus.LOGIN_REQUIRED;
    case 'USER_PERMISSION_REVOKED':
    case 'ACCESS_NOT_GRANTED':
      return ItemStatus.REVOKED;
    default:
      return ItemStatus.ERROR;
  }
}
