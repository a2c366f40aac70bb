import { earliestLastAttemptMs, UNKNOWN_ITEM_GRACE_MS, WEBHOOK_RETRY_SCHEDULE } from '../../../src/jobs/webhook-retry-schedule';

describe('the webhook retry schedule', () => {
  it.each([
    [{ retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true }, 2_000 + 4_000 + 8_000 + 16_000 + 32_000],
    [{ retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true }, 10_000 + 20_000 + 40_000],
    [{ retryLimit: 4, retryDelaySeconds: 3, retryBackoff: false }, 12_000],
    [{ retryLimit: 0, retryDelaySeconds: 2, retryBackoff: true }, 0],
  ])('item 9: %o runs its last attempt at the earliest %i ms after the first', (schedule, expected) => {
    expect(earliestLastAttemptMs(schedule)).toBe(expected);
  });

  it("item 9: the grace for unknown Items is derived from the webhook queue's schedule and ends before its last retry", () => {
    const lastRetry = earliestLastAttemptMs(WEBHOOK_RETRY_SCHEDULE);
    expect(UNKNOWN_ITEM_GRACE_MS).toBeLessThan(lastRetry);
    // Most of the schedule is spent waiting for the Item, not given up early.
    expect(UNKNOWN_ITEM_GRACE_MS).toBeGreaterThanOrEqual(lastRetry - 5_000);
    expect(UNKNOWN_ITEM_GRACE_MS).toBe(60_000);
  });
});
