import { ItemStatus } from '../entities/item-status';
import type { StatusChange } from '../entities/item-status-change';

/** An Item error as Plaid words it: in an error answer, in `item.error`, or in an ITEM ERROR webhook. */
export interface PlaidItemError {
  error_type?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  display_message?: string | null;
}

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

/** The change an Item error Plaid reported about the Item itself (its `item.error`, an ITEM ERROR webhook) makes. */
export function itemErrorChange(error: PlaidItemError): Omit<StatusChange, 'occurredAt'> {
  const code = error.error_code ?? 'UNKNOWN';
  return {
    status: statusForPlaidError(code),
    reason: code,
    error: {
      type: error.error_type ?? 'ITEM_ERROR',
      code,
      message: error.error_message ?? '',
      displayMessage: error.display_message ?? null,
    },
  };
}

/**
 * The change a failed call's error makes to its Item. Only errors that name the Item's state
 * move it; any other failure (a rate limit, an outage, a bad request) says nothing about the Item.
 */
export function failedCallChange(error: PlaidItemError): Omit<StatusChange, 'occurredAt'> | undefined {
  if (!error.error_code || statusForPlaidError(error.error_code) === ItemStatus.ERROR) return undefined;
  return itemErrorChange(error);
}
