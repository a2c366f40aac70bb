import { hasExpired, MAX_TIMER_DELAY_MS, msUntilExpiry, onTokenExpiry } from '../../../src/auth/token-expiry';

const DAY_MS = 86_400_000;

describe('token expiry', () => {
  const NOW = 1_700_000_000_000;

  it.each([
    ['an hour ahead', NOW + 3_600_000, false, 3_600_000],
    ['a millisecond ahead', NOW + 1, false, 1],
    ['now', NOW, true, 0],
    ['a second ago', NOW - 1_000, true, 0],
    ['exactly as far as setTimeout can wait', NOW + MAX_TIMER_DELAY_MS, false, MAX_TIMER_DELAY_MS],
    ['30 days ahead, beyond what setTimeout can wait', NOW + 30 * DAY_MS, false, MAX_TIMER_DELAY_MS],
  ])('a token expiring %s: expired %s, a timer waits %i ms', (_name, expiresAtMs, expired, wait) => {
    expect(hasExpired({ expiresAtMs }, NOW)).toBe(expired);
    expect(msUntilExpiry({ expiresAtMs }, NOW)).toBe(wait);
  });

  it('caps the wait at 2^31-1 ms, the longest setTimeout honours', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2_147_483_647);
  });

  describe('onTokenExpiry', () => {
    beforeEach(() => jest.useFakeTimers({ now: NOW }));
    afterEach(() => jest.useRealTimers());

    it('ends the session at the expiry, with one timer', () => {
      const end = jest.fn();
      onTokenExpiry({ expiresAtMs: NOW + 2_000 }, end);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(1_999);
      expect(end).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(end).toHaveBeenCalledTimes(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('ends a token that expired already at once', () => {
      const end = jest.fn();
      onTokenExpiry({ expiresAtMs: NOW - 1_000 }, end);
      jest.advanceTimersByTime(0);
      expect(end).toHaveBeenCalledTimes(1);
    });

    it('waits out a token valid for longer than setTimeout can wait, re-arming its one timer', () => {
      const end = jest.fn();
      onTokenExpiry({ expiresAtMs: NOW + 30 * DAY_MS }, end);
      jest.advanceTimersByTime(MAX_TIMER_DELAY_MS);
      expect(end).not.toHaveBeenCalled();
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(30 * DAY_MS - MAX_TIMER_DELAY_MS);
      expect(end).toHaveBeenCalledTimes(1);
    });

    it('re-arms when its timer wakes before the clock reaches the expiry', () => {
      const end = jest.fn();
      let lagMs = 0;
      onTokenExpiry({ expiresAtMs: NOW + 1_000 }, end, () => Date.now() - lagMs);
      // The clock it reads falls 5 ms behind the timers' own once the timer is armed.
      lagMs = 5;
      jest.advanceTimersByTime(1_000);
      expect(end).not.toHaveBeenCalled();
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(5);
      expect(end).toHaveBeenCalledTimes(1);
    });

    it('does nothing once cancelled, and keeps no timer', () => {
      const end = jest.fn();
      const cancel = onTokenExpiry({ expiresAtMs: NOW + 2_000 }, end);
      cancel();
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(10_000);
      expect(end).not.toHaveBeenCalled();
    });

    it('never keeps the process alive', () => {
      const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
      onTokenExpiry({ expiresAtMs: NOW + 2_000 }, jest.fn());
      const timer = setTimeoutSpy.mock.results[0].value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      setTimeoutSpy.mockRestore();
    });
  });
});
