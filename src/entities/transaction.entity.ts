import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountEntity } from './account.entity';

/**
 * A Plaid transaction. The three (scope, date, id) indexes serve "newest first" keyset
 * pages per user, per Item and per account (read backwards).
 */
@Entity({ name: 'transactions' })
@Index('IDX_transactions_user_date_id', ['userId', 'date', 'id'])
@Index('IDX_transactions_item_date_id', ['itemId', 'date', 'id'])
@Index('IDX_transactions_account_date_id', ['accountId', 'date', 'id'])
@Index('IDX_transactions_user_id', ['userId', 'id'])
export class TransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** Keyed on (account_id, item_id): the account is always one of the transaction's Item. */
  @ManyToOne('AccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'account_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_transactions_account_item' },
    { name: 'item_id', referencedColumnName: 'itemId', foreignKeyConstraintName: 'FK_transactions_account_item' },
  ])
  account?: AccountEntity;

  @Index('UQ_transactions_plaid_transaction_id', { unique: true })
  @Column({ name: 'plaid_transaction_id', type: 'text' })
  plaidTransactionId!: string;

  /** Plaid's sign convention: positive is money out of the account. */
  @Column({ type: 'numeric' })
  amount!: string;

  @Column({ name: 'iso_currency_code', type: 'text', nullable: true })
  isoCurrencyCode!: string | null;

  @Column({ name: 'unofficial_currency_code', type: 'text', nullable: true })
  unofficialCurrencyCode!: string | null;

  /** YYYY-MM-DD; read as a string so no time zone shifts the day. */
  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'authorized_date', type: 'date', nullable: true })
  authorizedDate!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'merchant_name', type: 'text', nullable: true })
  merchantName!: string | null;

  /** personal_finance_category.primary */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  /** personal_finance_category.detailed */
  @Column({ name: 'category_detailed', type: 'text', nullable: true })
  categoryDetailed!: string | null;

  @Column({ type: 'boolean' })
  pending!: boolean;

  @Column({ name: 'pending_transaction_id', type: 'text', nullable: true })
  pendingTransactionId!: string | null;

  @Column({ name: 'payment_channel', type: 'text', nullable: true })
  paymentChannel!: string | null;

  @Column({ name: 'logo_url', type: 'text', nullable: true })
  logoUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
