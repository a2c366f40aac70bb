/** How pg-boss retries a job: `retryLimit` retries, `retryDelaySeconds` apart, doubling when `retryBackoff`. */
export interface RetrySchedule {
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
}

/** Webhook jobs: a failed one (its Item not stored yet, a database hiccup) is tried five more times. */
export const WEBHOOK_RETRY_SCHEDULE: RetrySchedule = { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true };

/**
 * The least time from a job's first attempt to its last. pg-boss waits `delay * 2^n / 2 * (1 + random)`
 * before retry n (1-based) with backoff, so at least `delay * 2^(n-1)`; `delay` each without.
 */
export function earliestLastAttemptMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let retry = 1; retry <= schedule.retryLimit; retry += 1)
    total += schedule.retryBackoff ? schedule.retryDelaySeconds * 2 ** (retry - 1) : schedule.retryDelaySeconds;
  return total * 1000;
}

/** Leeway between the grace's end and the last attempt, for the database's and this process's clocks. */
const CLOCK_LEEWAY_MS = 2_000;

/**
 * How long a webhook for an Item not stored yet is retried before it is ignored: ends before the
 * last retry can run, so that retry ignores it (IGNORED) rather than fails it (FAILED). With five
 * retries from 2 s, doubling, the last runs at least 62 s after the first attempt: 60 s.
 */
export const UNKNOWN_ITEM_GRACE_MS = earliestLastAttemptMs(WEBHOOK_RETRY_SCHEDULE) - CLOCK_LEEWAY_MS;
