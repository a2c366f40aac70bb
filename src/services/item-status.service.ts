import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { Topic } from '../pubsub/gateway-events';
import type { EventOutbox, OutboxEvent, RecordedEvent } from './event-outbox';
import { toItemSnapshot } from './item-snapshot';

export interface ItemErrorFields {
  type: string;
  code: string;
  message: string;
  displayMessage: string | null;
}

export interface StatusChange {
  status: ItemStatus;
  /** The webhook or error code behind the change. */
  reason: string;
  /** When it happened: a webhook's JWT iat, or now. An older change than the last applied one is ignored. */
  occurredAt: Date;
  /** Set on errors, cleared (null) on recovery; undefined leaves it as is. */
  error?: ItemErrorFields | null;
  consentExpiresAt?: Date | null;
}

export interface AppliedChange {
  item: ItemEntity;
  previousStatus: ItemStatus;
}

/**
 * Moves Items between statuses. Webhooks arrive late, twice and out of order, so a change
 * applies only if it is not older than the last one applied. Its event is written with the
 * row, and subscribers hear of it after both have committed.
 */
export class ItemStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
  ) {}

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
    const { applied, recorded } = await this.dataSource.transaction((manager) => this.applyIn(manager, changes));
    this.outbox.publish(recorded);
    return applied;
  }

  private async applyIn(manager: EntityManager, changes: Array<{ itemId: string; change: StatusChange }>): Promise<{ applied: Map<string, AppliedChange>; recorded: RecordedEvent[] }> {
    const column = <T>(pick: (change: StatusChange) => T) => changes.map(({ change }) => pick(change));
    // Plaid's iat has whole-second resolution, so changes are ordered by the second, ties going to the later arrival.
    // An undefined error or consent date leaves the column as it is; null clears it.
    const [rows]: [Array<{ id: string; previous_status: ItemStatus }>, number] = await manager.query(
      `WITH change AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::timestamptz[])
           AS c (item_id, status, occurred_at, sets_error, error_type, error_code, error_message, error_display_message, sets_consent, consent_expires_at)
       ), previous AS (
         SELECT items.id, items.status FROM items JOIN change ON change.item_id = items.id ORDER BY items.id FOR UPDATE OF items
       )
       UPDATE items SET
         status = change.status,
         last_status_event_at = date_trunc('second', change.occurred_at),
         updated_at = now(),
         error_type = CASE WHEN change.sets_error THEN change.error_type ELSE items.error_type END,
         error_code = CASE WHEN change.sets_error THEN change.error_code ELSE items.error_code END,
         error_message = CASE WHEN change.sets_error THEN change.error_message ELSE items.error_message END,
         error_display_message = CASE WHEN change.sets_error THEN change.error_display_message ELSE items.error_display_message END,
         consent_expires_at = CASE WHEN change.sets_consent THEN change.consent_expires_at ELSE items.consent_expires_at END
       FROM change, previous
       WHERE items.id = change.item_id AND previous.id = items.id
         AND (items.last_status_event_at IS NULL OR items.last_status_event_at <= date_trunc('second', change.occurred_at))
       RETURNING items.id, previous.status AS previous_status`,
      [
        changes.map(({ itemId }) => itemId),
        column((change) => change.status),
        column((change) => change.occurredAt),
        column((change) => change.error !== undefined),
        column((change) => change.error?.type ?? null),
        column((change) => change.error?.code ?? null),
        column((change) => change.error?.message ?? null),
        column((change) => change.error?.displayMessage ?? null),
        column((change) => change.consentExpiresAt !== undefined),
        column((change) => change.consentExpiresAt ?? null),
      ],
    );
    const applied = new Map<string, AppliedChange>();
    if (rows.length === 0) return { applied, recorded: [] };
    const items = await manager.getRepository(ItemEntity).findBy({ id: In(rows.map((row) => row.id)) });
    const previousById = new Map(rows.map((row) => [row.id, row.previous_status]));
    const changeById = new Map(changes.map(({ itemId, change }) => [itemId, change]));
    const events: OutboxEvent[] = [];
    for (const item of items) {
      const change = changeById.get(item.id)!;
      const appliedChange = { item, previousStatus: previousById.get(item.id)! };
      applied.set(item.id, appliedChange);
      if (appliedChange.previousStatus !== item.status) events.push(statusEvent(appliedChange, change.reason, change.occurredAt));
    }
    return { applied, recorded: await this.outbox.record(manager, events) };
  }

  /** For changes made elsewhere (e.g. removal): written in that change's transaction, to publish after it commits. */
  record(manager: EntityManager, change: AppliedChange, reason: string, occurredAt: Date): Promise<RecordedEvent[]> {
    return this.outbox.record(manager, [statusEvent(change, reason, occurredAt)]);
  }

  publish(recorded: RecordedEvent[]): void {
    this.outbox.publish(recorded);
  }
}

function statusEvent({ item, previousStatus }: AppliedChange, reason: string, occurredAt: Date): OutboxEvent {
  return {
    topic: Topic.ItemStatusChanged,
    userId: item.userId,
    event: { item: toItemSnapshot(item), previousStatus, status: item.status, reason, occurredAt: occurredAt.toISOString() },
  };
}
