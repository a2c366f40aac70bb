import { ItemEvent } from '../entities/item-state-machine';
import type { StatusChange } from '../entities/item-status-change';
import type { PlaidApiError } from './plaid-api-error';
import { readPlaidError, readPlaidFailure } from './plaid-error-mapping';

/** An Item error as Plaid words it: in an error answer, in `item.error`, or in an ITEM ERROR webhook. */
export interface PlaidItemError {
  error_type?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  display_message?: string | null;
}

/**
 * The change an Item error Plaid reported about the Item itself (its `item.error`, an ITEM ERROR
 * webhook) makes: the event its code names, or ITEM_ERROR for one that names none (an outage
 * the Item reports is still the Item's error).
 */
export function itemErrorChange(error: PlaidItemError): Omit<StatusChange, 'occurredAt'> {
  const code = error.error_code ?? 'UNKNOWN';
  const type = error.error_type ?? 'ITEM_ERROR';
  return {
    event: readPlaidError(type, code).itemEvent ?? ItemEvent.ITEM_ERROR,
    reason: code,
    error: { type, code, message: error.error_message ?? '', displayMessage: error.display_message ?? null },
  };
}

/**
 * The change a failed call's error makes to its Item. Only errors that name the Item's state
 * move it; any other failure (a rate limit, an outage, a bad request) says nothing about the Item.
 */
export function failedCallChange(error: PlaidApiError): Omit<StatusChange, 'occurredAt'> | undefined {
  const event = readPlaidFailure(error).itemEvent;
  if (!event || !error.plaidError) return undefined;
  return { ...itemErrorChange(error.plaidError), event };
}
