import type { ItemStatus } from '../entities/item-status';
import type { ItemEntity } from '../entities/item.entity';
import { notFound } from '../errors/domain-error';
import type { ItemRepository } from '../repositories/item.repository';
import { isOpaqueId } from './opaque-id';

export interface ItemServiceDependencies {
  items: ItemRepository;
}

/** Items, always read through their owner: another user's id is indistinguishable from none. */
export class ItemService {
  constructor(private readonly deps: ItemServiceDependencies) {}

  list(userId: string, status?: ItemStatus | null): Promise<ItemEntity[]> {
    return this.deps.items.listOwned(userId, status);
  }

  find(userId: string, itemId: string): Promise<ItemEntity | null> {
    return isOpaqueId(itemId) ? this.deps.items.findOwned(userId, itemId) : Promise.resolve(null);
  }

  async get(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.find(userId, itemId);
    if (!item) throw notFound('Item', itemId);
    return item;
  }

  /** For DataLoaders: one query for many ids, answered in the order asked. */
  async findMany(userId: string, itemIds: readonly string[]): Promise<Array<ItemEntity | null>> {
    const rows = await this.deps.items.findManyOwned(userId, itemIds.filter(isOpaqueId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return itemIds.map((id) => byId.get(id) ?? null);
  }

  /** Items a sync may serve (ERROR included: a passing sync ends it) not synced for `minutes`: webhooks get lost. */
  staleItemIds(minutes: number): Promise<string[]> {
    return this.deps.items.staleSyncIds(minutes);
  }
}
