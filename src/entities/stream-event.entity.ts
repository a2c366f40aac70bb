import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One subscription event as published (without its cursor), kept for clients that resume. */
@Entity({ name: 'stream_events' })
@Index('IDX_stream_events_created', ['createdAt'])
export class StreamEventEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text', primaryKeyConstraintName: 'PK_stream_events' })
  userId!: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_stream_events' })
  sequence!: string;

  @Column({ type: 'text' })
  topic!: string;

  /** No foreign key: a removed Item's last events outlive it. */
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
