/**
 * `source` as it is, calling `ended` once when it ends, whichever way: it finished, its
 * `next()` failed, or its consumer stopped it (`return`/`throw`, which both transports call
 * on a completed subscription and on every subscription of a closed connection).
 */
export function onStreamEnd<T>(source: AsyncIterable<T>, ended: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    ended();
  };
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const result = await iterator.next();
        if (result.done) end();
        return result;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return() {
      try {
        await iterator.return?.();
      } finally {
        end();
      }
      return done();
    },
    async throw(error: unknown) {
      try {
        await iterator.return?.();
      } finally {
        end();
      }
      throw error;
    },
  };
}
