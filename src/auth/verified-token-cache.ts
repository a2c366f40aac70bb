import type { AuthenticatedUser } from './authenticated-user';

/** How long a verified token is taken on trust: a key withdrawn from the identity provider's JWKS stops working within this. */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/** Longer tokens are verified every time, so the cache's memory stays within capacity x this. */
export const MAX_CACHED_TOKEN_LENGTH = 4096;

/**
 * Tokens whose signature and claims were checked in the last minute, so a client sending the
 * same token on every request does not pay for a WebCrypto signature check each time (an
 * eighth of the gateway's CPU on the read path). Expiry is checked on every hit, as jose
 * checks it; the oldest entry goes first when it is full.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { user: AuthenticatedUser; trustedUntilMs: number }>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(token: string): AuthenticatedUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.now();
    if (now < entry.trustedUntilMs && now < entry.user.expiresAtMs) return entry.user;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, user: AuthenticatedUser): void {
    if (this.capacity === 0 || token.length > MAX_CACHED_TOKEN_LENGTH) return;
    if (!this.entries.has(token) && this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { user, trustedUntilMs: this.now() + VERIFIED_TOKEN_TTL_MS });
  }

  get size(): number {
    return this.entries.size;
  }
}
