import type { ItemEntity } from '../entities/item.entity';
import type { ItemSnapshot } from '../pubsub/gateway-events';
import { itemErrorOf } from '../services/item-snapshot';
import type { Item } from '../schema/item.type';

export function toItem(entity: ItemEntity): Item {
  return {
    id: entity.id,
    plaidItemId: entity.plaidItemId,
    institutionId: entity.institutionId,
    institutionName: entity.institutionName,
    status: entity.status,
    error: itemErrorOf(entity),
    products: entity.products,
    consentExpiresAt: entity.consentExpiresAt,
    newAccountsAvailable: entity.newAccountsAvailable,
    lastSyncedAt: entity.lastSyncedAt,
    transactionsUpdateStatus: entity.transactionsUpdateStatus,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

const date = (value: string | null) => (value ? new Date(value) : null);

/** An Item as an event carried it (JSON, possibly through Redis). */
export function itemFromSnapshot(snapshot: ItemSnapshot): Item {
  return {
    ...snapshot,
    consentExpiresAt: date(snapshot.consentExpiresAt),
    lastSyncedAt: date(snapshot.lastSyncedAt),
    createdAt: new Date(snapshot.createdAt),
    updatedAt: new Date(snapshot.updatedAt),
  };
}
