/** Where the emulator reads the time, so tests can expire tokens without waiting hours. */
export interface EmulatorClock {
  now(): number;
}

export const systemClock: EmulatorClock = { now: () => Date.now() };

/**
 * A clock that runs with its source but can be moved forward (control API
 * `/emulator/clock/advance`): token lifetimes and rate-limit windows follow it.
 */
export class AdjustableClock implements EmulatorClock {
  private offsetMs = 0;

  constructor(private readonly source: EmulatorClock = systemClock) {}

  now(): number {
    return this.source.now() + this.offsetMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }
}

export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function isoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const DAY_MS = 86_400_000;
