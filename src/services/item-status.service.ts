import type { DataSource } from 'typeorm';
import type { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { Topic } from '../pubsub/gateway-events';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
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
 * applies only if it is not older than the last one applied; subscribers hear of it after
 * the row is written.
 */
export class ItemStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
  ) {}

  /** Undefined when the Item is gone or a newer change already applied. */
  async apply(itemId: string, change: StatusChange): Promise<AppliedChange | undefined> {
    // Plaid's iat has whole-second resolution, so changes are ordered by the second, ties going to the later arrival.
    const sets = ['status = $2', "last_status_event_at = date_trunc('second', $3::timestamptz)", 'updated_at = now()'];
    const params: unknown[] = [itemId, change.status, change.occurredAt];
    if (change.error !== undefined) {
      params.push(change.error?.type ?? null, change.error?.code ?? null, change.error?.message ?? null, change.error?.displayMessage ?? null);
      const at = params.length;
      sets.push(`error_type = $${at - 3}`, `error_code = $${at - 2}`, `error_message = $${at - 1}`, `error_display_message = $${at}`);
    }
    if (change.consentExpiresAt !== undefined) {
      params.push(change.consentExpiresAt);
      sets.push(`consent_expires_at = $${params.length}`);
    }
    // TypeORM answers an UPDATE with [rows, rowCount], RETURNING or not.
    const [rows]: [Array<{ previous_status: ItemStatus; id: string }>, number] = await this.dataSource.query(
      `WITH previous AS (SELECT id, status FROM items WHERE id = $1 FOR UPDATE)
       UPDATE items SET ${sets.join(', ')}
         FROM previous
        WHERE items.id = previous.id AND (items.last_status_event_at IS NULL OR items.last_status_event_at <= date_trunc('second', $3::timestamptz))
       RETURNING previous.status AS previous_status, items.id`,
      params,
    );
    if (rows.length === 0) return undefined;
    const item = await this.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: itemId });
    const applied = { item, previousStatus: rows[0].previous_status };
    if (applied.previousStatus !== item.status) this.publish(applied, change.reason, change.occurredAt);
    return applied;
  }

  /** For changes made elsewhere (e.g. removal), announced once their transaction has committed. */
  publish({ item, previousStatus }: AppliedChange, reason: string, occurredAt: Date): void {
    this.pubSub.publish(Topic.ItemStatusChanged, item.userId, {
      item: toItemSnapshot(item),
      previousStatus,
      status: item.status,
      reason,
      occurredAt: occurredAt.toISOString(),
    });
  }
}
