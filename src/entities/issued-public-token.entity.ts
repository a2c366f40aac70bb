import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A sandbox public token the gateway created for a user (`sandboxCreatePublicToken`): no Link
 * session stands behind it, so this row is what binds it to that user. Only its SHA-256 is kept.
 */
@Entity({ name: 'issued_public_tokens' })
@Index('IDX_issued_public_tokens_user', ['userId'])
export class IssuedPublicTokenEntity {
  @PrimaryColumn({ name: 'public_token_sha256', type: 'text' })
  publicTokenSha256!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  /** Plaid's public tokens live 30 minutes. */
  @Column({ name: 'exchangeable_until', type: 'timestamptz' })
  exchangeableUntil!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
