import { createPubSub } from '@graphql-yoga/subscription';
import type { ExecutionResult } from 'graphql';
import { formatClientError } from '../../../src/errors/error-mapping';
import { untilTokenExpiry } from '../../../src/server/event-stream-expiry';

const NOW = 1_700_000_000_000;
const user = { id: 'user-1', scopes: [], expiresAtMs: NOW + 2_000 };

/** A live source as subscriptions have (a pub/sub topic), its `return` watched. */
function liveSource() {
  const pubSub = createPubSub<{ event: [ExecutionResult] }>();
  const source = pubSub.subscribe('event');
  const returned = jest.spyOn(source, 'return');
  return { source, returned, publish: (result: ExecutionResult) => pubSub.publish('event', result) };
}

/** What graphql-sse sends of a result: its errors as the client sees them. */
const sent = (step: IteratorResult<unknown>) => {
  const result = step.value as ExecutionResult | undefined;
  return { done: step.done, errors: result?.errors?.map((error) => formatClientError(error.toJSON(), error)), data: result?.data };
};
const EXPIRED = { done: false, errors: [{ message: 'The token has expired', extensions: { code: 'UNAUTHENTICATED' } }], data: undefined };
const END = { done: true, errors: undefined, data: undefined };

describe('untilTokenExpiry (an event stream lives as long as its token)', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('passes results on until the expiry, keeping one timer', async () => {
    const { source, publish } = liveSource();
    const stream = untilTokenExpiry(source, user);
    expect(jest.getTimerCount()).toBe(1);
    const next = stream.next();
    publish({ data: { n: 1 } });
    expect(sent(await next)).toEqual({ done: false, errors: undefined, data: { n: 1 } });
    await stream.return!();
  });

  it('answers a waiting next() at the expiry with UNAUTHENTICATED, then ends and frees its source', async () => {
    const { source, returned } = liveSource();
    const stream = untilTokenExpiry(source, user);
    const waiting = stream.next();
    jest.advanceTimersByTime(2_000);
    expect(sent(await waiting)).toEqual(EXPIRED);
    expect(sent(await stream.next())).toEqual(END);
    expect(returned).toHaveBeenCalled();
    expect(sent(await stream.next())).toEqual(END);
  });

  it('gives the notice to the next call when the expiry came while nobody waited', async () => {
    const { source, publish } = liveSource();
    const stream = untilTokenExpiry(source, user);
    const first = stream.next();
    publish({ data: { n: 1 } });
    await first;
    jest.advanceTimersByTime(2_000);
    publish({ data: { n: 2 } });
    expect(sent(await stream.next())).toEqual(EXPIRED);
    expect(sent(await stream.next())).toEqual(END);
  });

  it('when returned (the client went): answers a waiting next() with the end, clears its timer and frees its source', async () => {
    const { source, returned } = liveSource();
    const stream = untilTokenExpiry(source, user);
    const waiting = stream.next();
    await stream.return!();
    expect(sent(await waiting)).toEqual(END);
    expect(returned).toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('has throw(), as graphql-sse needs to free a stream; it ends the stream too', async () => {
    const { source, returned } = liveSource();
    const stream = untilTokenExpiry(source, user);
    await expect(stream.throw!(new Error('gone'))).rejects.toThrow('gone');
    expect(returned).toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('clears its timer when the source ends or fails first', async () => {
    const { source, publish } = liveSource();
    const ending = untilTokenExpiry(source, user);
    const waiting = ending.next();
    await source.return();
    expect(sent(await waiting)).toEqual(END);
    publish({ data: { n: 1 } });
    expect(jest.getTimerCount()).toBe(0);

    const failing = untilTokenExpiry({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('broken')) }) }, user);
    await expect(failing.next()).rejects.toThrow('broken');
    expect(jest.getTimerCount()).toBe(0);
  });
});
