import { unauthenticated } from '../errors/domain-error';
import type { AuthenticatedUser } from './authenticated-user';

/** setTimeout's longest delay (2^31-1 ms, about 24.8 days): a longer one would fire at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const EXPIRED_TOKEN_MESSAGE = 'The token has expired';

export const tokenExpired = () => unauthenticated(EXPIRED_TOKEN_MESSAGE);

type Expiring = Pick<AuthenticatedUser, 'expiresAtMs'>;

/** As the verifier judges it: a token no longer verifies from its `exp` second on. */
export function hasExpired(user: Expiring, nowMs: number): boolean {
  return nowMs >= user.expiresAtMs;
}

/** How long a timer waits for the expiry: never negative, and capped so that setTimeout honours it. */
export function msUntilExpiry(user: Expiring, nowMs: number): number {
  return Math.min(Math.max(user.expiresAtMs - nowMs, 0), MAX_TIMER_DELAY_MS);
}

/**
 * Calls `end` once the user's token has expired and returns what cancels that. One timer,
 * unref'd (a session never keeps the process alive), re-armed when it wakes early: a token
 * valid for longer than setTimeout can wait, or a timer that fired a millisecond soon.
 */
export function onTokenExpiry(user: Expiring, end: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    timer = setTimeout(() => (hasExpired(user, now()) ? end() : arm()), msUntilExpiry(user, now()));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
