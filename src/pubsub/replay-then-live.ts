/** Anything with a position in its user's stream. */
export interface Sequenced {
  sequence: number;
}

/**
 * The events a client missed, oldest first, then live ones, each once. `live` must already
 * be listening (its first `next()` called) before `missed` was read, so an event that
 * committed meanwhile is in both: every event at or before the last one delivered is dropped.
 */
export function replayThenLive<T extends Sequenced>(
  live: AsyncIterator<T>,
  firstLive: Promise<IteratorResult<T>>,
  missed: T[],
  after: number,
  matches: (event: T) => boolean,
): AsyncIterableIterator<T> {
  let last = after;
  let replayed = 0;
  let pending: Promise<IteratorResult<T>> | undefined = firstLive;
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (replayed < missed.length) {
        const event = missed[replayed++];
        if (event.sequence > last) {
          last = event.sequence;
          return { value: event, done: false };
        }
      }
      for (;;) {
        const result = await (pending ?? live.next());
        pending = undefined;
        if (result.done) return done();
        if (result.value.sequence > last && matches(result.value)) {
          last = result.value.sequence;
          return result;
        }
      }
    },
    async return() {
      await live.return?.();
      return done();
    },
    async throw(error: unknown) {
      await live.return?.();
      throw error;
    },
  };
}
