import type { DataSource, Repository } from 'typeorm';
import type { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { notFound } from '../errors/domain-error';
import { isOpaqueId } from './opaque-id';

/** Items, always read through their owner: another user's id is indistinguishable from none. */
export class ItemService {
  private readonly items: Repository<ItemEntity>;

  constructor(dataSource: DataSource) {
    this.items = dataSource.getRepository(ItemEntity);
  }

  list(userId: string, status?: ItemStatus | null): Promise<ItemEntity[]> {
    return this.items.find({ where: status ? { userId, status } : { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(userId: string, itemId: string): Promise<ItemEntity | null> {
    return isOpaqueId(itemId) ? this.items.findOneBy({ id: itemId, userId }) : Promise.resolve(null);
  }

  async get(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.find(userId, itemId);
    if (!item) throw notFound('Item', itemId);
    return item;
  }

  /** For DataLoaders: one query for many ids, answered in the order asked. */
  async findMany(userId: string, itemIds: readonly string[]): Promise<Array<ItemEntity | null>> {
    const ids = itemIds.filter(isOpaqueId);
    const rows = ids.length ? await this.items.createQueryBuilder('item').where('item.user_id = :userId AND item.id = ANY(:ids)', { userId, ids }).getMany() : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return itemIds.map((id) => byId.get(id) ?? null);
  }

  /** Healthy Items whose last sync is older than `minutes` (or that never synced): webhooks get lost. */
  async staleItemIds(minutes: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.items.query(
      `SELECT id FROM items
        WHERE status IN ('ACTIVE', 'PENDING_EXPIRATION', 'PENDING_DISCONNECT')
          AND (last_synced_at IS NULL OR last_synced_at < now() - make_interval(mins => $1))
        ORDER BY last_synced_at NULLS FIRST`,
      [minutes],
    );
    return rows.map((row) => row.id);
  }
}
