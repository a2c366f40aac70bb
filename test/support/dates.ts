const DAY_MS = 86_400_000;

/**
 * A calendar date `days` before now, as Plaid writes dates (YYYY-MM-DD, UTC). Tests take every
 * date from the clock they run under: Plaid's sandbox, like the emulator, refuses transactions
 * more than 14 days old, so a literal date stops working two weeks after it was written.
 */
export function daysAgo(days: number, now: number = Date.now()): string {
  return new Date(now - days * DAY_MS).toISOString().slice(0, 10);
}
