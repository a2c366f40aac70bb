import { replayThenLive, type Sequenced } from '../../../src/pubsub/replay-then-live';

interface Event extends Sequenced {
  item: string;
}

/** A live source the test pushes into, as the pub/sub would. */
function liveSource() {
  const queued: Event[] = [];
  const waiting: Array<(result: IteratorResult<Event>) => void> = [];
  let ended = false;
  const iterator: AsyncIterator<Event> = {
    next: () => {
      const event = queued.shift();
      if (event) return Promise.resolve({ value: event, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: async () => {
      ended = true;
      waiting.splice(0).forEach((resolve) => resolve({ value: undefined, done: true }));
      return { value: undefined, done: true };
    },
  };
  const push = (event: Event) => {
    const waiter = waiting.shift();
    if (waiter) waiter({ value: event, done: false });
    else queued.push(event);
  };
  return { iterator, push, ended: () => ended };
}

const event = (sequence: number, item = 'a'): Event => ({ sequence, item });

describe('replayThenLive', () => {
  it('delivers the missed events, then live ones, dropping those the replay already had', async () => {
    const live = liveSource();
    // 3 and 4 committed while the replay read: they arrive both ways.
    live.push(event(3));
    live.push(event(4));
    const stream = replayThenLive(live.iterator, live.iterator.next(), [event(2), event(3), event(4)], 1, () => true);
    live.push(event(6));
    const seen: number[] = [];
    for (let index = 0; index < 4; index += 1) seen.push((await stream.next()).value.sequence);
    expect(seen).toEqual([2, 3, 4, 6]);
  });

  it('filters live events as the replay was filtered, and ignores anything at or before the cursor', async () => {
    const live = liveSource();
    const stream = replayThenLive(live.iterator, live.iterator.next(), [], 5, (candidate) => candidate.item === 'a');
    live.push(event(5));
    live.push(event(7, 'b'));
    live.push(event(8));
    expect((await stream.next()).value).toEqual(event(8));
  });

  it('ends the live source when the subscriber leaves', async () => {
    const live = liveSource();
    const stream = replayThenLive(live.iterator, live.iterator.next(), [event(2)], 1, () => true);
    await stream.return!();
    expect(live.ended()).toBe(true);
  });
});
