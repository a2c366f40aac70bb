import { GraphQLError, type ExecutionResult } from 'graphql';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { onTokenExpiry, tokenExpired } from '../auth/token-expiry';

/** The last result of a stream whose token expired: why it ends, for the client to act on (get a new token). */
function expiredResult(): ExecutionResult {
  const error = tokenExpired();
  return { errors: [new GraphQLError(error.message, { originalError: error })] };
}

/**
 * A subscription's results until its token expires, then one UNAUTHENTICATED result saying
 * so, then the end, which graphql-sse sends as `complete` before it ends the response. One
 * timer per stream, cleared when the stream ends. A plain iterator, not a generator: a
 * generator waiting for its next event could neither be ended at the expiry nor returned
 * when the client goes.
 */
export function untilTokenExpiry<T>(
  source: AsyncIterable<T>,
  user: AuthenticatedUser,
  now?: () => number,
): AsyncIterableIterator<T | ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  const done = (): IteratorResult<T | ExecutionResult> => ({ value: undefined, done: true });
  const notice = (): IteratorResult<T | ExecutionResult> => ({ value: expiredResult(), done: false });
  // 'noticeDue': expired while nobody waited for a result; 'noticeSent': the next call ends the stream.
  let state: 'open' | 'noticeDue' | 'noticeSent' | 'ended' = 'open';
  /** The pending `next()`, answered by the source's next step, the expiry or `return()`, whichever comes first. */
  let waiting: ((step: IteratorResult<T | ExecutionResult>) => void) | undefined;
  const answer = (step: IteratorResult<T | ExecutionResult>) => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(step);
  };
  const cancel = onTokenExpiry(
    user,
    () => {
      if (!waiting) {
        state = 'noticeDue';
        return;
      }
      state = 'noticeSent';
      answer(notice());
    },
    now,
  );
  const end = async (): Promise<IteratorResult<T | ExecutionResult>> => {
    state = 'ended';
    cancel();
    answer(done());
    await events.return?.();
    return done();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      switch (state) {
        case 'noticeDue':
          state = 'noticeSent';
          return Promise.resolve(notice());
        case 'noticeSent':
          return end();
        case 'ended':
          return Promise.resolve(done());
      }
      return new Promise((resolve, reject) => {
        waiting = resolve;
        // A step that comes after the expiry or return() answered this call is dropped.
        events.next().then(
          (step) => {
            if (waiting !== resolve) return;
            if (step.done) {
              state = 'ended';
              cancel();
            }
            answer(step);
          },
          (error: unknown) => {
            if (waiting !== resolve) return;
            waiting = undefined;
            state = 'ended';
            cancel();
            reject(error);
          },
        );
      });
    },
    return: end,
    // graphql-sse frees (returns) only the streams that have `throw`, as generators do.
    async throw(error: unknown) {
      await end();
      throw error;
    },
  };
}
