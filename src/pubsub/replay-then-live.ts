/** Anything with a position in its user's stream. */
export interface Sequenced {
  sequence: number;
}

export interface ReplayThenLive<T extends Sequenced> {
  /** Already listening: its first `next()` (`firstLive`) was called before `firstPage` was read. */
  live: AsyncIterator<T>;
  firstLive: Promise<IteratorResult<T>>;
  /** The first missed events after `after`, oldest first: at most `pageSize`. */
  firstPage: T[];
  /** The next missed events after a position, oldest first: at most `pageSize`. */
  readPage: (afterSequence: number) => Promise<T[]>;
  pageSize: number;
  /** The position of the last event the client saw. */
  after: number;
  matches: (event: T) => boolean;
}

/**
 * The events a client missed, oldest first, then live ones, each once. The missed ones are
 * read a page at a time, each page only once the client has taken the one before, so a
 * replay holds one page however much it has to deliver. A page shorter than `pageSize` was
 * read after listening began and holds everything committed before its read: whatever it
 * lacks arrives live. An event that committed meanwhile arrives both ways, so every live
 * event at or before the last one delivered is dropped.
 */
export function replayThenLive<T extends Sequenced>(replay: ReplayThenLive<T>): AsyncIterableIterator<T> {
  const { live, readPage, pageSize, matches } = replay;
  let last = replay.after;
  let page: T[] | undefined = replay.firstPage;
  let taken = 0;
  let pending: Promise<IteratorResult<T>> | undefined = replay.firstLive;
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (page) {
        while (taken < page.length) {
          const event = page[taken++];
          if (event.sequence > last) {
            last = event.sequence;
            return { value: event, done: false };
          }
        }
        if (page.length < pageSize) {
          page = undefined;
          break;
        }
        try {
          page = await readPage(last);
          taken = 0;
        } catch (error) {
          page = undefined;
          await live.return?.();
          throw error;
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
      page = undefined;
      await live.return?.();
      return done();
    },
    async throw(error: unknown) {
      page = undefined;
      await live.return?.();
      throw error;
    },
  };
}
