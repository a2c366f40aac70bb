import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AccountEntity } from './account.entity';
import type { FlowDirection, RecurringFrequency, RecurringStreamStatus } from './recurring-stream-kinds';

/**
 * One of an Item's recurring streams as Plaid's /transactions/recurring/get last reported it.
 * The gateway's copy: an Item's rows are replaced together when it is refreshed (a stream
 * keeping its id), and reads never call Plaid.
 */
@Entity({ name: 'recurring_streams' })
@Unique('UQ_recurring_streams_item_stream', ['itemId', 'plaidStreamId'])
@Index('IDX_recurring_streams_user', ['userId'])
export class RecurringStreamEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** Keyed on (account_id, item_id), as transactions are: the account is always one of the stream's Item. */
  @ManyToOne('AccountEntity', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'account_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_recurring_streams_account_item' },
    { name: 'item_id', referencedColumnName: 'itemId', foreignKeyConstraintName: 'FK_recurring_streams_account_item' },
  ])
  account?: AccountEntity;

  @Column({ name: 'plaid_stream_id', type: 'text' })
  plaidStreamId!: string;

  @Column({ type: 'text' })
  direction!: FlowDirection;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'merchant_name', type: 'text', nullable: true })
  merchantName!: string | null;

  /** personal_finance_category.primary */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text' })
  frequency!: RecurringFrequency;

  @Column({ type: 'text' })
  status!: RecurringStreamStatus;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  @Column({ name: 'average_amount', type: 'numeric' })
  averageAmount!: string;

  @Column({ name: 'last_amount', type: 'numeric' })
  lastAmount!: string;

  @Column({ name: 'iso_currency_code', type: 'text', nullable: true })
  isoCurrencyCode!: string | null;

  @Column({ name: 'unofficial_currency_code', type: 'text', nullable: true })
  unofficialCurrencyCode!: string | null;

  @Column({ name: 'first_date', type: 'date' })
  firstDate!: string;

  @Column({ name: 'last_date', type: 'date' })
  lastDate!: string;

  @Column({ name: 'predicted_next_date', type: 'date', nullable: true })
  predictedNextDate!: string | null;

  /** The Plaid transaction ids the stream names (a pending one finds its posted successor by pending_transaction_id). */
  @Column({ name: 'plaid_transaction_ids', type: 'text', array: true })
  plaidTransactionIds!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
