import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type TransactionChangeKind = 'added' | 'modified' | 'removed';

/** One change to one of a user's transactions, written by the transaction that made it. */
@Entity({ name: 'transaction_changes' })
@Index('IDX_transaction_changes_created', ['createdAt'])
@Check('CHK_transaction_changes_change', `"change" IN ('added', 'modified', 'removed')`)
export class TransactionChangeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text', primaryKeyConstraintName: 'PK_transaction_changes' })
  userId!: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_transaction_changes' })
  sequence!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** The gateway id; a removed transaction's row is gone, so it is kept here with Plaid's. */
  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  @Column({ name: 'plaid_transaction_id', type: 'text' })
  plaidTransactionId!: string;

  @Column({ type: 'varchar', length: 8 })
  change!: TransactionChangeKind;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
