import type { EmulatorClock } from '../state/emulator-clock';
import { EmulatedPlaidError, type PlaidErrorCode } from '../errors/plaid-error';

/**
 * Plaid's published per-Item limits (production figures, requests per minute) and the
 * error code each one answers with.
 */
export const PLAID_ITEM_RATE_LIMITS = {
  '/accounts/balance/get': { perMinute: 5, errorCode: 'ACCOUNTS_BALANCE_GET_LIMIT' },
  '/accounts/get': { perMinute: 15, errorCode: 'ACCOUNTS_LIMIT' },
  '/auth/get': { perMinute: 15, errorCode: 'AUTH_LIMIT' },
  '/identity/get': { perMinute: 15, errorCode: 'IDENTITY_LIMIT' },
  '/item/get': { perMinute: 15, errorCode: 'ITEM_GET_LIMIT' },
  '/transactions/sync': { perMinute: 50, errorCode: 'TRANSACTIONS_SYNC_LIMIT' },
} as const satisfies Record<string, { perMinute: number; errorCode: PlaidErrorCode }>;

export type RateLimitedEndpoint = keyof typeof PLAID_ITEM_RATE_LIMITS;

/** Per endpoint: a new per-minute limit, or false to lift it. `false` alone lifts every limit. */
export type RateLimitSettings = false | Partial<Record<RateLimitedEndpoint, number | false>>;

const WINDOW_MS = 60_000;

export function isRateLimitedEndpoint(path: string): path is RateLimitedEndpoint {
  return Object.prototype.hasOwnProperty.call(PLAID_ITEM_RATE_LIMITS, path);
}

/** Sliding one-minute window per (endpoint, Item). */
export class RateLimiter {
  private limits = new Map<RateLimitedEndpoint, number>();
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    settings: RateLimitSettings = {},
  ) {
    this.configure(settings, true);
  }

  /** Applies settings on top of Plaid's defaults (`reset`) or of the current limits. */
  configure(settings: RateLimitSettings, reset = false): void {
    if (reset) {
      this.limits = new Map(Object.entries(PLAID_ITEM_RATE_LIMITS).map(([path, rule]) => [path as RateLimitedEndpoint, rule.perMinute]));
    }
    if (settings === false) {
      this.limits.clear();
      return;
    }
    for (const [path, limit] of Object.entries(settings)) {
      if (!isRateLimitedEndpoint(path)) continue;
      if (limit === false || limit === undefined) this.limits.delete(path);
      else this.limits.set(path, limit);
    }
  }

  current(): Partial<Record<RateLimitedEndpoint, number>> {
    return Object.fromEntries(this.limits);
  }

  /** Counts one request, or throws Plaid's RATE_LIMIT_EXCEEDED error when over the limit. */
  check(path: string, itemId: string): void {
    if (!isRateLimitedEndpoint(path)) return;
    const limit = this.limits.get(path);
    if (limit === undefined) return;
    const now = this.clock.now();
    const key = `${path} ${itemId}`;
    const recent = (this.windows.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length >= limit) {
      this.windows.set(key, recent);
      throw EmulatedPlaidError.of(PLAID_ITEM_RATE_LIMITS[path].errorCode);
    }
    recent.push(now);
    this.windows.set(key, recent);
  }
}
