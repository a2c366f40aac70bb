import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ItemEntity } from './item.entity';

/** An account of an Item with its last known balance; money is numeric, read as exact strings. */
@Entity({ name: 'accounts' })
@Unique('UQ_accounts_item_plaid_account', ['itemId', 'plaidAccountId'])
@Unique('UQ_accounts_id_item', ['id', 'itemId'])
@Index('IDX_accounts_user', ['userId'])
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne('ItemEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_accounts_item' })
  item?: ItemEntity;

  /** Denormalised from the Item so every read can be scoped to the caller by index. */
  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ name: 'plaid_account_id', type: 'text' })
  plaidAccountId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'official_name', type: 'text', nullable: true })
  officialName!: string | null;

  @Column({ type: 'text', nullable: true })
  mask!: string | null;

  /** Plaid's account type as Plaid names it (depository, credit, loan, investment, ...). */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  subtype!: string | null;

  @Column({ name: 'balance_available', type: 'numeric', nullable: true })
  balanceAvailable!: string | null;

  @Column({ name: 'balance_current', type: 'numeric', nullable: true })
  balanceCurrent!: string | null;

  @Column({ name: 'balance_limit', type: 'numeric', nullable: true })
  balanceLimit!: string | null;

  @Column({ name: 'iso_currency_code', type: 'text', nullable: true })
  isoCurrencyCode!: string | null;

  @Column({ name: 'unofficial_currency_code', type: 'text', nullable: true })
  unofficialCurrencyCode!: string | null;

  /** When the balance figures were read from the institution. */
  @Column({ name: 'balance_updated_at', type: 'timestamptz' })
  balanceUpdatedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
