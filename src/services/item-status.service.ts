import type { DataSource, EntityManager } from 'typeorm';
import type { ItemStatus } from '../entities/item-status';
import type { StatusChange } from '../entities/item-status-change';
import type { ItemEntity } from '../entities/item.entity';
import { Topic } from '../pubsub/gateway-events';
import type { ItemRepository } from '../repositories/item.repository';
import type { EventOutbox, OutboxEvent } from './event-outbox';
import { toItemSnapshot } from './item-snapshot';

export interface ItemStatusServiceDependencies {
  dataSource: DataSource;
  items: ItemRepository;
  outbox: EventOutbox;
}

export interface AppliedChange {
  item: ItemEntity;
  previousStatus: ItemStatus;
}

/**
 * Moves Items between statuses. Webhooks arrive late, twice and out of order, so a change
 * applies only if it is not older than the last one applied. Its event is written with the
 * row, and the relay tells subscribers once both have committed.
 */
export class ItemStatusService {
  constructor(private readonly deps: ItemStatusServiceDependencies) {}

  /** Undefined when the Item is gone or a newer change already applied. */
  async apply(itemId: string, change: StatusChange): Promise<AppliedChange | undefined> {
    return (await this.applyAll([{ itemId, change }])).get(itemId);
  }

  /**
   * Several Items' changes in one statement (at most one change per Item), each applied only if
   * it is not older than its Item's last applied change; answers those applied, by Item id.
   */
  async applyAll(changes: Array<{ itemId: string; change: StatusChange }>): Promise<Map<string, AppliedChange>> {
    if (changes.length === 0) return new Map();
    return this.deps.dataSource.transaction((manager) => this.applyIn(manager, changes));
  }

  private async applyIn(
    manager: EntityManager,
    changes: Array<{ itemId: string; change: StatusChange }>,
  ): Promise<Map<string, AppliedChange>> {
    const rows = await this.deps.items.applyStatusChanges(manager, changes);
    const applied = new Map<string, AppliedChange>();
    if (rows.length === 0) return applied;
    const items = await this.deps.items.findByIds(
      rows.map((row) => row.id),
      manager,
    );
    const previousById = new Map(rows.map((row) => [row.id, row.previous_status]));
    const changeById = new Map(changes.map(({ itemId, change }) => [itemId, change]));
    const events: OutboxEvent[] = [];
    for (const item of items) {
      const change = changeById.get(item.id)!;
      const appliedChange = { item, previousStatus: previousById.get(item.id)! };
      applied.set(item.id, appliedChange);
      if (appliedChange.previousStatus !== item.status) events.push(statusEvent(appliedChange, change.reason, change.occurredAt));
    }
    await this.deps.outbox.record(manager, events);
    return applied;
  }

  /** For changes made elsewhere (e.g. removal): written in that change's transaction; the relay publishes it once that commits. */
  async record(manager: EntityManager, change: AppliedChange, reason: string, occurredAt: Date): Promise<void> {
    await this.deps.outbox.record(manager, [statusEvent(change, reason, occurredAt)]);
  }
}

function statusEvent({ item, previousStatus }: AppliedChange, reason: string, occurredAt: Date): OutboxEvent {
  return {
    topic: Topic.ItemStatusChanged,
    userId: item.userId,
    event: { item: toItemSnapshot(item), previousStatus, status: item.status, reason, occurredAt: occurredAt.toISOString() },
  };
}
