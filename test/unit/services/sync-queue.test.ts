import { SyncQueue } from '../../../src/services/sync-queue';

/** A sync that runs until the test finishes it. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

/** Lets every settled promise's callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SyncQueue', () => {
  it.each([
    // limits, the users asking in order, who is running at once
    { concurrency: 4, perUser: 2, users: ['a', 'a', 'a', 'b', 'c'], running: ['a', 'a', 'b', 'c'] },
    { concurrency: 2, perUser: 2, users: ['a', 'a', 'b'], running: ['a', 'a'] },
    { concurrency: 3, perUser: 1, users: ['a', 'a', 'a', 'b'], running: ['a', 'b'] },
    { concurrency: 1, perUser: 1, users: ['a', 'b'], running: ['a'] },
  ])('runs at most $concurrency at once and $perUser per user: $users -> $running', async ({ concurrency, perUser, users, running }) => {
    const queue = new SyncQueue({ concurrency, concurrencyPerUser: perUser });
    const started: string[] = [];
    const syncs = users.map((user, index) => {
      const sync = held();
      const result = queue.run(user, `item-${index}`, () => {
        started.push(user);
        return sync.work();
      });
      return { ...sync, result };
    });
    await flush();
    expect(started).toEqual(running);
    expect(queue.runningCount).toBe(running.length);
    expect(queue.waitingCount).toBe(users.length - running.length);
    // Finishing everything lets every waiter through, in turn.
    for (const sync of syncs) sync.finish();
    await Promise.all(syncs.map((sync) => sync.result));
    expect(started.sort()).toEqual([...users].sort());
    expect(queue.runningCount).toBe(0);
  });

  it('gives a freed turn to the next user who may run, passing over one at their limit', async () => {
    const queue = new SyncQueue({ concurrency: 2, concurrencyPerUser: 1 });
    const started: string[] = [];
    let items = 0;
    const start = (user: string, itemId = `item-${(items += 1)}`) => {
      const sync = held();
      void queue.run(user, itemId, () => {
        started.push(user);
        return sync.work();
      });
      return sync;
    };
    const a1 = start('a');
    start('b');
    start('a'); // waits: a is at its limit, and no turn is free
    start('c'); // waits: no turn is free
    await flush();
    expect(started).toEqual(['a', 'b']);
    a1.finish();
    await flush();
    // The freed turn is a's own next sync's (first in line), not c's.
    expect(started).toEqual(['a', 'b', 'a']);
  });

  it("passes over a waiter whose user is still at the limit when another's turn is freed", async () => {
    const queue = new SyncQueue({ concurrency: 2, concurrencyPerUser: 1 });
    const started: string[] = [];
    let items = 0;
    const start = (user: string, itemId = `item-${(items += 1)}`) => {
      const sync = held();
      void queue.run(user, itemId, () => {
        started.push(user);
        return sync.work();
      });
      return sync;
    };
    start('a');
    const b = start('b');
    start('a');
    start('c');
    await flush();
    b.finish();
    await flush();
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('runs one sync per Item at a time; the next of that Item waits, the other Items go ahead', async () => {
    const queue = new SyncQueue({ concurrency: 4, concurrencyPerUser: 4 });
    const started: string[] = [];
    const start = (itemId: string) => {
      const sync = held();
      void queue.run('a', itemId, () => {
        started.push(itemId);
        return sync.work();
      });
      return sync;
    };
    const first = start('x');
    start('x');
    start('y');
    await flush();
    expect(started).toEqual(['x', 'y']);
    first.finish();
    await flush();
    expect(started).toEqual(['x', 'y', 'x']);
  });

  it('gives the turn back when the sync fails', async () => {
    const queue = new SyncQueue({ concurrency: 1, concurrencyPerUser: 1 });
    await expect(queue.run('a', 'item', () => Promise.reject(new Error('Plaid down')))).rejects.toThrow('Plaid down');
    await expect(queue.run('a', 'item', () => Promise.resolve('ran'))).resolves.toBe('ran');
  });

  it('ends a wait longer than maxWaitMs in SERVICE_UNAVAILABLE, leaving the queue as it was', async () => {
    jest.useFakeTimers();
    try {
      const queue = new SyncQueue({ concurrency: 1, concurrencyPerUser: 1 });
      const first = held();
      const running = queue.run('a', 'item-a', first.work);
      const waiting = queue.run('b', 'item-b', () => Promise.resolve('late'), 5_000);
      const outcome = expect(waiting).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
      await jest.advanceTimersByTimeAsync(5_000);
      await outcome;
      expect(queue.waitingCount).toBe(0);
      first.finish();
      await running;
      expect(queue.runningCount).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
