/** The value below which `fraction` of the latencies fall (nearest rank), in whole milliseconds. */
export function percentile(latencies: number[], fraction: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]);
}

/** "n queries, p50 .. ms, p99 .. ms", for a test's printed figures. */
export function percentiles(latencies: number[]): string {
  return `${latencies.length} queries, p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms`;
}
