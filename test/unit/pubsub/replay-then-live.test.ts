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

/** A replay of `missed` (all after `after`), read `pageSize` at a time; `reads` records each read's position. */
function replayOf(live: ReturnType<typeof liveSource>, missed: Event[], after: number, pageSize = 100, matches = (_: Event) => true) {
  const reads: number[] = [];
  const readPage = async (afterSequence: number) => {
    reads.push(afterSequence);
    return missed.filter((candidate) => candidate.sequence > afterSequence).slice(0, pageSize);
  };
  const firstPage = missed.filter((candidate) => candidate.sequence > after).slice(0, pageSize);
  const stream = replayThenLive({ live: live.iterator, firstLive: live.iterator.next(), firstPage, readPage, pageSize, after, matches });
  return { stream, reads };
}

const take = async (stream: AsyncIterator<Event>, count: number) => {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) seen.push((await stream.next()).value.sequence);
  return seen;
};

describe('replayThenLive', () => {
  it('delivers the missed events, then live ones, dropping those the replay already had', async () => {
    const live = liveSource();
    // 3 and 4 committed while the replay read: they arrive both ways.
    live.push(event(3));
    live.push(event(4));
    const { stream } = replayOf(live, [event(2), event(3), event(4)], 1);
    live.push(event(6));
    expect(await take(stream, 4)).toEqual([2, 3, 4, 6]);
  });

  it('filters live events as the replay was filtered, and ignores anything at or before the cursor', async () => {
    const live = liveSource();
    const { stream } = replayOf(live, [], 5, 100, (candidate) => candidate.item === 'a');
    live.push(event(5));
    live.push(event(7, 'b'));
    live.push(event(8));
    expect((await stream.next()).value).toEqual(event(8));
  });

  it('ends the live source when the subscriber leaves', async () => {
    const live = liveSource();
    const { stream } = replayOf(live, [event(2)], 1);
    await stream.return!();
    expect(live.ended()).toBe(true);
  });

  it.each([
    // [missed events, page size, the position each page after the first was read after]
    [10, 3, [4, 7, 10]],
    [9, 3, [4, 7, 10]],
    [2, 3, []],
    [3, 3, [4]],
    [1, 1, [2]],
  ])('reads %i missed events %i at a time, each page after the last event delivered', async (count, pageSize, reads) => {
    const live = liveSource();
    const missed = Array.from({ length: count }, (_, index) => event(index + 2));
    const replay = replayOf(live, missed, 1, pageSize);
    live.push(event(count + 5));
    expect(await take(replay.stream, count + 1)).toEqual([...missed.map((candidate) => candidate.sequence), count + 5]);
    expect(replay.reads).toEqual(reads);
  });

  it('reads no page ahead of what the client has taken', async () => {
    const live = liveSource();
    const missed = Array.from({ length: 9 }, (_, index) => event(index + 1));
    const replay = replayOf(live, missed, 0, 3);
    expect(await take(replay.stream, 4)).toEqual([1, 2, 3, 4]);
    expect(replay.reads).toEqual([3]);
  });

  it('delivers an event committed between two pages once, from the page, and its live copy not again', async () => {
    const live = liveSource();
    const missed = [event(1), event(2)];
    const replay = replayOf(live, missed, 0, 2);
    expect(await take(replay.stream, 2)).toEqual([1, 2]);
    // Committed now: in the outbox for the next page, and heard live.
    missed.push(event(3));
    live.push(event(3));
    live.push(event(4));
    expect(await take(replay.stream, 2)).toEqual([3, 4]);
  });

  it('ends the live source and fails when a later page cannot be read', async () => {
    const live = liveSource();
    const failure = new Error('database gone');
    const stream = replayThenLive({
      live: live.iterator,
      firstLive: live.iterator.next(),
      firstPage: [event(1)],
      readPage: () => Promise.reject(failure),
      pageSize: 1,
      after: 0,
      matches: () => true,
    });
    expect((await stream.next()).value).toEqual(event(1));
    await expect(stream.next()).rejects.toBe(failure);
    expect(live.ended()).toBe(true);
  });
});
