/**
 * Turns caller-controlled text (operation names, webhook codes) into a label value with a
 * bounded number of distinct values: each distinct label value is a time series in
 * Prometheus, so a client inventing names must not be able to grow them without end.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly maxDistinct: number,
    private readonly pattern: RegExp,
    /** Used for values that do not match `pattern`. */
    private readonly invalid = 'invalid',
    /** Used for new values once `maxDistinct` are in use. */
    private readonly overflow = 'other',
  ) {}

  of(value: string): string {
    if (!this.pattern.test(value)) return this.invalid;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.maxDistinct) return this.overflow;
    this.seen.add(value);
    return value;
  }
}
