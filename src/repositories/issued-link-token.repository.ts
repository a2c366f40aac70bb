import type { DataSource } from 'typeorm';
import { IssuedLinkTokenEntity } from '../entities/issued-link-token.entity';

export type NewIssuedLinkToken = Pick<
  IssuedLinkTokenEntity,
  'id' | 'userId' | 'linkTokenCiphertext' | 'linkTokenKeyId' | 'exchangeableUntil'
>;

/** The issued_link_tokens table: each user's link tokens, newest first, while a public token from them can be exchanged. */
export class IssuedLinkTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds a link token and deletes the user's rows no exchange would consult any more: those
   * past their use and those beyond the `keep` most recent. A user keeps at most `keep` rows.
   */
  async record(token: NewIssuedLinkToken, keep: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO issued_link_tokens (id, user_id, link_token_ciphertext, link_token_key_id, exchangeable_until) VALUES ($1, $2, $3, $4, $5)`,
        [token.id, token.userId, token.linkTokenCiphertext, token.linkTokenKeyId, token.exchangeableUntil],
      );
      await manager.query(
        `DELETE FROM issued_link_tokens
          WHERE user_id = $1
            AND (exchangeable_until <= now()
                 OR id NOT IN (SELECT id FROM issued_link_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2))`,
        [token.userId, keep],
      );
    });
  }

  /** The user's `limit` most recent link tokens whose public tokens can still be exchanged, newest first. */
  findExchangeable(userId: string, limit: number): Promise<IssuedLinkTokenEntity[]> {
    return this.dataSource
      .getRepository(IssuedLinkTokenEntity)
      .createQueryBuilder('token')
      .where('token.userId = :userId', { userId })
      .andWhere('token.exchangeableUntil > now()')
      .orderBy('token.createdAt', 'DESC')
      .addOrderBy('token.id', 'DESC')
      .limit(limit)
      .getMany();
  }
}
