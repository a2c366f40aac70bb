/**
 * The last stream position published per user, for the users heard from most recently, at most
 * `capacity` of them: every user who ever had an event would otherwise stay in memory for the
 * life of the process. A user pushed out is read from the notification's own range next time,
 * and after a lost LISTEN connection resumes from a cursor like any client that was away.
 */
export class RecentPositions {
  private readonly positions = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  get(userId: string): number | undefined {
    return this.positions.get(userId);
  }

  set(userId: string, position: number): void {
    // Re-inserted, so a Map's insertion order is the order of use and the first key the least recent.
    this.positions.delete(userId);
    this.positions.set(userId, position);
    if (this.positions.size > this.capacity) this.positions.delete(this.positions.keys().next().value!);
  }

  entries(): Array<[string, number]> {
    return [...this.positions];
  }

  get size(): number {
    return this.positions.size;
  }
}
