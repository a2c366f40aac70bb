import type { DataSource } from 'typeorm';
import type { IssuedPublicTokenEntity } from '../entities/issued-public-token.entity';

export type NewIssuedPublicToken = Pick<IssuedPublicTokenEntity, 'publicTokenSha256' | 'userId' | 'exchangeableUntil'>;

/** The issued_public_tokens table: the SHA-256 of each sandbox public token, with the user it was made for. */
export class IssuedPublicTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds one, and deletes the user's rows past their use, so what one user holds stays bounded by what they can make in 30 minutes. */
  async record(token: NewIssuedPublicToken): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO issued_public_tokens (public_token_sha256, user_id, exchangeable_until) VALUES ($1, $2, $3)`, [
        token.publicTokenSha256,
        token.userId,
        token.exchangeableUntil,
      ]);
      await manager.query(`DELETE FROM issued_public_tokens WHERE user_id = $1 AND exchangeable_until <= now()`, [token.userId]);
    });
  }

  /** Whether this public token was made for this user and can still be exchanged. */
  async isIssuedTo(userId: string, publicTokenSha256: string): Promise<boolean> {
    const rows: Array<{ issued: number }> = await this.dataSource.query(
      `SELECT 1 AS issued FROM issued_public_tokens WHERE public_token_sha256 = $1 AND user_id = $2 AND exchangeable_until > now()`,
      [publicTokenSha256, userId],
    );
    return rows.length > 0;
  }
}
