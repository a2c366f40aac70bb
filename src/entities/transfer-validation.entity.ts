import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountEntity } from './account.entity';

/**
 * The audit record of one transfer decision. It outlives the account (the link is then
 * nulled) and keeps only the last four digits of the ACH number.
 */
@Entity({ name: 'transfer_validations' })
@Index('IDX_transfer_validations_user_checked', ['userId', 'checkedAt'])
@Index('UQ_transfer_validations_user_idempotency_key', ['userId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
export class TransferValidationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne('AccountEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_transfer_validations_account' })
  account?: AccountEntity;

  @Column({ name: 'plaid_account_id', type: 'text' })
  plaidAccountId!: string;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'requested_amount', type: 'numeric' })
  requestedAmount!: string;

  @Column({ name: 'iso_currency_code', type: 'text', nullable: true })
  isoCurrencyCode!: string | null;

  @Column({ type: 'boolean' })
  approved!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons!: string[];

  @Column({ name: 'available_balance', type: 'numeric', nullable: true })
  availableBalance!: string | null;

  @Column({ name: 'legal_name_score', type: 'integer', nullable: true })
  legalNameScore!: number | null;

  @Column({ name: 'phone_number_score', type: 'integer', nullable: true })
  phoneNumberScore!: number | null;

  @Column({ name: 'email_address_score', type: 'integer', nullable: true })
  emailAddressScore!: number | null;

  @Column({ name: 'address_score', type: 'integer', nullable: true })
  addressScore!: number | null;

  @Column({ name: 'ach_account_mask', type: 'text', nullable: true })
  achAccountMask!: string | null;

  /** Each check's outcome and details, as decided. */
  @Column({ type: 'jsonb' })
  checks!: Record<string, unknown>;

  @Column({ name: 'checked_at', type: 'timestamptz', default: () => 'now()' })
  checkedAt!: Date;
}
