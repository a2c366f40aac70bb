import type { AuthenticatedUser } from '../../../src/auth/authenticated-user';
import { MAX_CACHED_TOKEN_LENGTH, VERIFIED_TOKEN_TTL_MS, VerifiedTokenCache } from '../../../src/auth/verified-token-cache';

const START = 1_000_000;
const userExpiringIn = (ms: number): AuthenticatedUser => ({ id: 'u', scopes: [], expiresAtMs: START + ms });

describe('VerifiedTokenCache', () => {
  let now = START;
  const clock = () => now;
  beforeEach(() => {
    now = START;
  });

  it.each([
    ['just after it was verified', 0, 3_600_000, true],
    ['until the end of its minute', VERIFIED_TOKEN_TTL_MS - 1, 3_600_000, true],
    ['no longer once its minute is over', VERIFIED_TOKEN_TTL_MS, 3_600_000, false],
    ['no longer at the token expiry, as jose decides it', 30_000, 30_000, false],
    ['until the millisecond before the expiry', 29_999, 30_000, true],
  ])('answers a token %s', (_name, elapsed, expiresIn, trusted) => {
    const cache = new VerifiedTokenCache(10, clock);
    const user = userExpiringIn(expiresIn);
    cache.remember('token', user);
    now += elapsed;
    expect(cache.get('token')).toBe(trusted ? user : undefined);
  });

  it('keeps at most its capacity, the oldest going first', () => {
    const cache = new VerifiedTokenCache(3, clock);
    for (let index = 0; index < 10; index += 1) cache.remember(`token-${index}`, userExpiringIn(3_600_000));
    expect(cache.size).toBe(3);
    expect(cache.get('token-6')).toBeUndefined();
    expect(cache.get('token-9')).toBeDefined();
  });

  it('keeps nothing with a capacity of 0, nor a token longer than the bound', () => {
    const off = new VerifiedTokenCache(0, clock);
    off.remember('token', userExpiringIn(3_600_000));
    expect(off.get('token')).toBeUndefined();
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('x'.repeat(MAX_CACHED_TOKEN_LENGTH + 1), userExpiringIn(3_600_000));
    expect(cache.size).toBe(0);
  });

  it('drops an entry it found stale', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('token', userExpiringIn(1_000));
    now += 1_000;
    expect(cache.get('token')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
