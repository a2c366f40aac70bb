import { onStreamEnd } from '../../../src/pubsub/on-stream-end';

/** A source that yields `values`, then ends or fails; `returned` tells whether its consumer stopped it. */
function source(values: number[], failure?: Error) {
  let returned = false;
  let index = 0;
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        if (index < values.length) return { value: values[index++], done: false };
        if (failure) throw failure;
        return { value: undefined, done: true };
      },
      return: async () => {
        returned = true;
        return { value: undefined, done: true };
      },
    }),
  };
  return { iterable, returned: () => returned };
}

describe('onStreamEnd', () => {
  it('passes every value through and calls back once when the source finishes', async () => {
    const ended = jest.fn();
    const stream = onStreamEnd(source([1, 2]).iterable, ended);
    const seen: number[] = [];
    for await (const value of stream) seen.push(value);
    expect(seen).toEqual([1, 2]);
    expect(ended).toHaveBeenCalledTimes(1);
    await stream.return!();
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('calls back once when the source fails', async () => {
    const ended = jest.fn();
    const failure = new Error('gone');
    const stream = onStreamEnd(source([1], failure).iterable, ended);
    await stream.next();
    expect(ended).not.toHaveBeenCalled();
    await expect(stream.next()).rejects.toBe(failure);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it.each(['return', 'throw'] as const)('stops the source and calls back once on %s', async (how) => {
    const ended = jest.fn();
    const inner = source([1, 2, 3]);
    const stream = onStreamEnd(inner.iterable, ended);
    await stream.next();
    if (how === 'return') await stream.return!();
    else await expect(stream.throw!(new Error('stop'))).rejects.toThrow('stop');
    await stream.return!();
    expect(inner.returned()).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('calls back even when stopping the source fails', async () => {
    const ended = jest.fn();
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => undefined),
        return: () => Promise.reject(new Error('cannot stop')),
      }),
    };
    await expect(onStreamEnd(failing, ended).return!()).rejects.toThrow('cannot stop');
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
