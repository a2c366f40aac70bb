import type { ItemEntity } from '../entities/item.entity';
import type { ItemSnapshot } from '../pubsub/gateway-events';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Plaid's last error on the Item, as the contract shows it. */
export function itemErrorOf(item: ItemEntity): ItemSnapshot['error'] {
  return item.errorCode && item.errorType
    ? { type: item.errorType, code: item.errorCode, message: item.errorMessage ?? '', displayMessage: item.errorDisplayMessage }
    : null;
}

/** The public face of an Item, as JSON for events. */
export function toItemSnapshot(item: ItemEntity): ItemSnapshot {
  return {
    id: item.id,
    plaidItemId: item.plaidItemId,
    institutionId: item.institutionId,
    institutionName: item.institutionName,
    status: item.status,
    error: itemErrorOf(item),
    products: item.products,
    consentExpiresAt: iso(item.consentExpiresAt),
    newAccountsAvailable: item.newAccountsAvailable,
    lastSyncedAt: iso(item.lastSyncedAt),
    transactionsUpdateStatus: item.transactionsUpdateStatus,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
