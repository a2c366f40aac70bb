import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { TransactionEntity } from './transaction.entity';

/** The user's own notes on one transaction; Plaid's row is never edited. */
@Entity({ name: 'transaction_annotations' })
@Index('IDX_transaction_annotations_user', ['userId'])
export class TransactionAnnotationEntity {
  @PrimaryColumn({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  @OneToOne('TransactionEntity', { onDelete: 'CASCADE' })
  // The name PostgreSQL gave the migration's inline REFERENCES: TypeORM must not see drift.
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'transaction_annotations_transaction_id_fkey' })
  transaction?: TransactionEntity;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'category_override', type: 'text', nullable: true })
  categoryOverride!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
