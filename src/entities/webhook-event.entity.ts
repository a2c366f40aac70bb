import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ItemEntity } from './item.entity';

export enum WebhookOutcome {
  PENDING = 'PENDING',
  PROCESSED = 'PROCESSED',
  IGNORED = 'IGNORED',
  FAILED = 'FAILED',
}

/** A verified Plaid webhook, stored once (by dedupe key) before anything acts on it. */
@Entity({ name: 'webhook_events' })
@Index('IDX_webhook_events_item_received', ['itemId', 'receivedAt'])
@Index('IDX_webhook_events_received', ['receivedAt'])
// The few still pending or FAILED, counted by /readyz and /metrics without reading the settled ones.
@Index('IDX_webhook_events_unsettled', ['outcome'], { where: `"outcome" IN ('PENDING', 'FAILED')` })
@Check('CHK_webhook_events_outcome', `"outcome" IN ('PENDING', 'PROCESSED', 'IGNORED', 'FAILED')`)
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_webhook_events_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ name: 'webhook_type', type: 'text' })
  webhookType!: string;

  @Column({ name: 'webhook_code', type: 'text' })
  webhookCode!: string;

  @Column({ name: 'plaid_item_id', type: 'text', nullable: true })
  plaidItemId!: string | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @ManyToOne('ItemEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_webhook_events_item' })
  item?: ItemEntity;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The signing JWT's iat: when Plaid says the event happened. */
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: WebhookOutcome.PENDING })
  outcome!: WebhookOutcome;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
