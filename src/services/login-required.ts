import { ItemStatus } from '../entities/item-status';
import type { PlaidApiError } from '../plaid/plaid-api-error';
import type { StatusChange } from './item-status.service';

/** The status change for an Item whose Plaid call answered ITEM_LOGIN_REQUIRED. */
export function loginRequiredChange(error: PlaidApiError): StatusChange {
  return {
    status: ItemStatus.LOGIN_REQUIRED,
    reason: 'ITEM_LOGIN_REQUIRED',
    occurredAt: new Date(),
    error: {
      type: error.errorType ?? 'ITEM_ERROR',
      code: 'ITEM_LOGIN_REQUIRED',
      message: error.plaidError?.error_message ?? 'the login details of this item have changed',
      displayMessage: error.plaidError?.display_message ?? null,
    },
  };
}
