import { DomainError } from '../../../src/errors/domain-error';
import { SubscriptionSlots } from '../../../src/services/subscription-slots';

const owner = (userId: string, connectionId: string) => ({ userId, connectionId });

/** A stream that never yields; `stopped` tells whether its consumer stopped it. */
function idle() {
  let stopped = false;
  const stream: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: () => new Promise<IteratorResult<number>>(() => undefined),
      return: async () => {
        stopped = true;
        return { value: undefined, done: true };
      },
    }),
  };
  return { stream, stopped: () => stopped };
}

const refusal = (take: () => unknown) => {
  try {
    take();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
  return undefined;
};

describe('SubscriptionSlots', () => {
  it.each([
    // [per connection, per user, slots taken as [user, connection], the refusal of the next one on u1/c1]
    [2, 5, [['u1', 'c1']], undefined],
    [
      2,
      5,
      [
        ['u1', 'c1'],
        ['u1', 'c1'],
      ],
      { code: 'SUBSCRIPTION_LIMIT', scope: 'connection', limit: 2 },
    ],
    [
      2,
      3,
      [
        ['u1', 'c1'],
        ['u1', 'c2'],
        ['u1', 'c3'],
      ],
      { code: 'SUBSCRIPTION_LIMIT', scope: 'user', limit: 3 },
    ],
    // Another user's slots on other connections do not count.
    [
      2,
      3,
      [
        ['u2', 'c2'],
        ['u2', 'c2'],
        ['u2', 'c3'],
      ],
      undefined,
    ],
  ] as const)('per connection %i, per user %i, after %j: %j', (perConnection, perUser, taken, expected) => {
    const slots = new SubscriptionSlots({ perConnection, perUser });
    for (const [userId, connectionId] of taken) slots.take(owner(userId, connectionId));
    expect(refusal(() => slots.take(owner('u1', 'c1')))).toEqual(expected);
  });

  it('frees a slot once, however often its release is called, and forgets owners that hold none', () => {
    const slots = new SubscriptionSlots({ perConnection: 1, perUser: 1 });
    const release = slots.take(owner('u1', 'c1'));
    expect(slots.held(owner('u1', 'c1'))).toEqual({ connection: 1, user: 1 });
    release();
    release();
    expect(slots.held(owner('u1', 'c1'))).toEqual({ connection: 0, user: 0 });
    expect((slots as unknown as { byUser: Map<string, number> }).byUser.size).toBe(0);
    slots.take(owner('u1', 'c2'));
    expect(refusal(() => slots.take(owner('u1', 'c3')))).toMatchObject({ scope: 'user' });
  });

  it('holds a slot while the stream runs and frees it when the stream is stopped', async () => {
    const slots = new SubscriptionSlots({ perConnection: 1, perUser: 1 });
    const source = idle();
    const stream = await slots.hold(owner('u1', 'c1'), async () => source.stream);
    await expect(slots.hold(owner('u1', 'c1'), async () => idle().stream)).rejects.toMatchObject({ code: 'SUBSCRIPTION_LIMIT' });
    await stream.return!();
    expect(source.stopped()).toBe(true);
    expect(slots.held(owner('u1', 'c1'))).toEqual({ connection: 0, user: 0 });
  });

  it('opens nothing when no slot is free, and frees the slot when opening fails', async () => {
    const slots = new SubscriptionSlots({ perConnection: 1, perUser: 1 });
    const open = jest.fn(() => Promise.reject(new DomainError('NOT_FOUND', 'Item x was not found')));
    await expect(slots.hold(owner('u1', 'c1'), open)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(slots.held(owner('u1', 'c1'))).toEqual({ connection: 0, user: 0 });
    const held = await slots.hold(owner('u1', 'c1'), async () => idle().stream);
    const refused = jest.fn(async () => idle().stream);
    await expect(slots.hold(owner('u1', 'c2'), refused)).rejects.toMatchObject({ code: 'SUBSCRIPTION_LIMIT' });
    expect(refused).not.toHaveBeenCalled();
    await held.return!();
  });
});
