import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { contractErrorOf } from '../plaid/plaid-error-mapping';
import type { IssuedLinkTokenEntity } from '../entities/issued-link-token.entity';
import type { IssuedLinkTokenRepository } from '../repositories/issued-link-token.repository';
import type { IssuedPublicTokenRepository } from '../repositories/issued-public-token.repository';
import { TokenDecryptionError, type TokenCipher } from '../security/token-cipher';
import { exchangeableUntil, PUBLIC_TOKEN_LIFETIME_MS, publicTokenSha256, publicTokensOfSessions } from './link-session-binding';

export interface LinkSessionRegistryDependencies {
  plaid: Pick<PlaidClient, 'call'>;
  cipher: TokenCipher;
  linkTokens: Pick<IssuedLinkTokenRepository, 'record' | 'findExchangeable'>;
  publicTokens: Pick<IssuedPublicTokenRepository, 'record' | 'isIssuedTo'>;
  /** LINK_TOKENS_CHECKED_PER_EXCHANGE: the most Plaid calls one check makes, and the most link tokens a user keeps. */
  linkTokensChecked: number;
  logger: Logger;
}

/**
 * Binds public tokens to the user who opened Link: it records each link token the gateway
 * issues (sealed, bound to its row) and each sandbox public token (its SHA-256), and tells
 * whether a public token came from one of them. A leaked public token is then no use to
 * anyone but the user whose Link made it.
 */
export class LinkSessionRegistry {
  constructor(private readonly deps: LinkSessionRegistryDependencies) {}

  async recordLinkToken(userId: string, linkToken: string, expiration: Date): Promise<void> {
    const id = randomUUID();
    const { keyId, ciphertext } = this.deps.cipher.encrypt(linkToken, id);
    await this.deps.linkTokens.record(
      { id, userId, linkTokenKeyId: keyId, linkTokenCiphertext: ciphertext, exchangeableUntil: exchangeableUntil(expiration) },
      this.deps.linkTokensChecked,
    );
  }

  async recordSandboxPublicToken(userId: string, publicToken: string): Promise<void> {
    await this.deps.publicTokens.record({
      publicTokenSha256: publicTokenSha256(publicToken),
      userId,
      exchangeableUntil: new Date(Date.now() + PUBLIC_TOKEN_LIFETIME_MS),
    });
  }

  /**
   * Whether the sandbox made this public token for this user, or a Link session of one of the
   * user's most recent link tokens handed it out (asked at Plaid's `/link/token/get`, newest
   * first, at most LINK_TOKENS_CHECKED_PER_EXCHANGE calls). A Plaid outage throws its typed error.
   */
  async issuedTo(userId: string, publicToken: string): Promise<boolean> {
    if (await this.deps.publicTokens.isIssuedTo(userId, publicTokenSha256(publicToken))) return true;
    for (const row of await this.deps.linkTokens.findExchangeable(userId, this.deps.linkTokensChecked)) {
      const linkToken = this.open(row);
      if (linkToken === undefined) continue;
      const handedOut = await this.publicTokensOf(linkToken);
      if (handedOut.includes(publicToken)) return true;
    }
    return false;
  }

  /** A token sealed under a key since dropped from TOKEN_ENCRYPTION_KEYS can tell nothing: that Link is started again. */
  private open(row: IssuedLinkTokenEntity): string | undefined {
    try {
      return this.deps.cipher.decrypt({ keyId: row.linkTokenKeyId, ciphertext: row.linkTokenCiphertext }, row.id);
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      this.deps.logger.warn(
        { linkTokenRowId: row.id, err: error },
        'an issued link token does not decrypt; its Link sessions are not consulted',
      );
      return undefined;
    }
  }

  private async publicTokensOf(linkToken: string): Promise<string[]> {
    try {
      return publicTokensOfSessions(await this.deps.plaid.call('linkTokenGet', { link_token: linkToken }));
    } catch (error) {
      // Plaid no longer knows the link token: none of its sessions can vouch for a public token.
      if (error instanceof PlaidApiError && error.errorCode === 'INVALID_LINK_TOKEN') return [];
      throw contractErrorOf(error);
    }
  }
}
