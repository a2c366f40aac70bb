import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's position counter, shared by their events and transaction changes. */
@Entity({ name: 'event_streams' })
export class EventStreamEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  /** Bound into every cursor, so one user's cursor means nothing in another's stream. */
  @Column({ name: 'stream_key', type: 'uuid' })
  streamKey!: string;

  @Column({ name: 'last_sequence', type: 'bigint', default: 0 })
  lastSequence!: string;

  /** Retention deleted everything up to here: a cursor before it has expired. */
  @Column({ name: 'pruned_through', type: 'bigint', default: 0 })
  prunedThrough!: string;
}
