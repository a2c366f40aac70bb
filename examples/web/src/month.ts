/** A local calendar date as the API's Date ("2026-12-07"): the browser's clock and time zone, not UTC's. */
function isoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first and last day of the month `now` is in, in the browser's time zone. */
export function monthAround(now: Date): { from: string; to: string } {
  return {
    from: isoDate(new Date(now.getFullYear(), now.getMonth(), 1)),
    to: isoDate(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
  };
}
