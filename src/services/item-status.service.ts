import type { DataSource, EntityManager } from 'typeorm';
import type { ItemStatus } from '../entities/item-status';
import { decideItemTransition } from '../entities/item-state-machine';
import type { StatusChange } from '../entities/item-status-change';
import type { ItemEntity } from '../entities/item.entity';
import { Topic } from '../pubsub/gateway-events';
import type { ItemRepository, StatusWrite } from '../repositories/item.repository';
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

/** A change the state machine turned down, and why (older than the last one applied, or meaningless in the Item's status). */
export interface IgnoredChange {
  ignored: string;
}

/**
 * Moves Items between statuses, as their state machine decides: webhooks arrive late, twice
 * and out of order, so a change older than the last one applied is dropped, and the table
 * says what each event does in each status. Its event is written with the row, and the relay
 * tells subscribers once both have committed.
 */
export class ItemStatusService {
  constructor(private readonly deps: ItemStatusServiceDependencies) {}

  /** Undefined when the Item is gone or the state machine turned the change down. */
  async apply(itemId: string, change: StatusChange): Promise<AppliedChange | undefined> {
    const outcome = (await this.applyAll([{ itemId, change }])).get(itemId);
    return outcome && 'item' in outcome ? outcome : undefined;
  }

  /** Several Items' changes at once (at most one change per Item); answers each Item's outcome (none for an Item that is gone). */
  async applyAll(changes: Array<{ itemId: string; change: StatusChange }>): Promise<Map<string, AppliedChange | IgnoredChange>> {
    if (changes.length === 0) return new Map();
    return this.deps.dataSource.transaction((manager) => this.applyAllIn(manager, changes));
  }

  /** As applyAll, in the caller's transaction (a webhook's intake applies its status change with the delivery row). */
  async applyAllIn(
    manager: EntityManager,
    changes: Array<{ itemId: string; change: StatusChange }>,
  ): Promise<Map<string, AppliedChange | IgnoredChange>> {
    const rows = await this.deps.items.lockStatuses(
      manager,
      changes.map(({ itemId }) => itemId),
    );
    const changeById = new Map(changes.map(({ itemId, change }) => [itemId, change]));
    const outcomes = new Map<string, AppliedChange | IgnoredChange>();
    const writes: StatusWrite[] = [];
    for (const row of rows) {
      const change = changeById.get(row.id)!;
      const transition = decideItemTransition(row, change.event, change.occurredAt);
      if (!transition.applies) outcomes.set(row.id, { ignored: transition.why });
      else {
        const { error, consentExpiresAt } = change;
        writes.push({ itemId: row.id, expected: row, status: transition.status, eventAt: transition.eventAt, error, consentExpiresAt });
      }
    }
    const written = await this.deps.items.writeStatuses(manager, writes);
    if (written.length === 0) return outcomes;
    const items = await this.deps.items.findByIds(written, manager);
    const previousById = new Map(rows.map((row) => [row.id, row.status]));
    const events: OutboxEvent[] = [];
    for (const item of items) {
      const change = changeById.get(item.id)!;
      const appliedChange = { item, previousStatus: previousById.get(item.id)! };
      outcomes.set(item.id, appliedChange);
      if (appliedChange.previousStatus !== item.status) events.push(statusEvent(appliedChange, change.reason, change.occurredAt));
    }
    await this.deps.outbox.record(manager, events);
    return outcomes;
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
