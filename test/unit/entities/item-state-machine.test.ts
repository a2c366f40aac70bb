import { ItemStatus } from '../../../src/entities/item-status';
import { decideItemTransition, ItemEvent, newItemStatus, nextItemStatus, STALE_CHANGE } from '../../../src/entities/item-state-machine';

const { ACTIVE, LOGIN_REQUIRED, PENDING_EXPIRATION, PENDING_DISCONNECT, ERROR, REVOKED } = ItemStatus;
/** The event changes nothing in that status. */
const NONE = null;

const EVENTS = [
  ItemEvent.LOGIN_REQUIRED,
  ItemEvent.ITEM_ERROR,
  ItemEvent.ACCESS_REVOKED,
  ItemEvent.PENDING_EXPIRATION,
  ItemEvent.PENDING_DISCONNECT,
  ItemEvent.LOGIN_REPAIRED,
  ItemEvent.CALL_SUCCEEDED,
  ItemEvent.RELINKED,
  ItemEvent.REMOVED,
];

/** Written out by hand, row by status and column by event as in EVENTS, so that a change to the table must change this too. */
const EXPECTED: Record<ItemStatus, Array<ItemStatus | null>> = {
  //                   LOGIN_REQ       ITEM_ERROR ACCESS_REVOKED PENDING_EXP         PENDING_DISC        REPAIRED SUCCEEDED RELINKED REMOVED
  [ACTIVE]: /*      */ [LOGIN_REQUIRED, ERROR, REVOKED, PENDING_EXPIRATION, PENDING_DISCONNECT, ACTIVE, NONE, ACTIVE, REVOKED],
  [LOGIN_REQUIRED]: /**/ [LOGIN_REQUIRED, ERROR, REVOKED, LOGIN_REQUIRED, LOGIN_REQUIRED, ACTIVE, NONE, ACTIVE, REVOKED],
  [PENDING_EXPIRATION]: [LOGIN_REQUIRED, ERROR, REVOKED, PENDING_EXPIRATION, PENDING_DISCONNECT, ACTIVE, NONE, ACTIVE, REVOKED],
  [PENDING_DISCONNECT]: [LOGIN_REQUIRED, ERROR, REVOKED, PENDING_EXPIRATION, PENDING_DISCONNECT, ACTIVE, NONE, ACTIVE, REVOKED],
  [ERROR]: /*       */ [LOGIN_REQUIRED, ERROR, REVOKED, ERROR, ERROR, ACTIVE, ACTIVE, ACTIVE, REVOKED],
  [REVOKED]: /*     */ [NONE, NONE, NONE, NONE, NONE, NONE, NONE, ACTIVE, REVOKED],
};

const cases = Object.values(ItemStatus).flatMap((status) =>
  EVENTS.map((event, column) => [status, event, EXPECTED[status][column]] as [ItemStatus, ItemEvent, ItemStatus | null]),
);

describe('item 6: the Item state machine', () => {
  it('item 6: the table names every status and every event', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(ItemStatus).sort());
    expect([...EVENTS].sort()).toEqual(Object.values(ItemEvent).sort());
    expect(cases).toHaveLength(Object.values(ItemStatus).length * Object.values(ItemEvent).length);
  });

  it.each(cases)('item 6: %s + %s -> %s', (status, event, expected) => {
    const cell = nextItemStatus(status, event);
    if (expected === NONE) expect(cell).toEqual({ ignored: expect.any(String) });
    else expect(cell).toBe(expected);
    // Without an earlier change to compare with, the decision is the table's.
    const decided = decideItemTransition({ status, lastEventAt: null }, event, new Date());
    expect(decided.applies ? decided.status : NONE).toBe(expected);
  });

  it('item 6: ERROR is left by a successful call, LOGIN_REQUIRED only by the user', () => {
    expect(nextItemStatus(ERROR, ItemEvent.CALL_SUCCEEDED)).toBe(ACTIVE);
    expect(nextItemStatus(LOGIN_REQUIRED, ItemEvent.CALL_SUCCEEDED)).toEqual({ ignored: expect.stringContaining('login') });
  });

  it('item 6: REVOKED is terminal until relinked: LOGIN_REPAIRED does not revive it', () => {
    const decided = decideItemTransition({ status: REVOKED, lastEventAt: null }, ItemEvent.LOGIN_REPAIRED, new Date());
    expect(decided).toEqual({ applies: false, why: 'the Item is revoked until it is relinked' });
    expect(decideItemTransition({ status: REVOKED, lastEventAt: null }, ItemEvent.RELINKED, new Date())).toMatchObject({
      applies: true,
      status: ACTIVE,
    });
  });

  describe('item 6: a stale event cannot move the status', () => {
    const now = Date.now();
    const lastSecond = new Date(Math.floor(now / 1000) * 1000);

    it.each(EVENTS)('item 6: %s a second older than the last change applied is dropped', (event) => {
      expect(decideItemTransition({ status: ERROR, lastEventAt: lastSecond }, event, new Date(lastSecond.getTime() - 1))).toEqual({
        applies: false,
        why: STALE_CHANGE,
      });
    });

    it('item 6: a change of the same second arrived later and applies, dated to its whole second', () => {
      const sameSecond = new Date(lastSecond.getTime() + 999);
      expect(decideItemTransition({ status: ACTIVE, lastEventAt: lastSecond }, ItemEvent.LOGIN_REQUIRED, sameSecond)).toEqual({
        applies: true,
        status: LOGIN_REQUIRED,
        eventAt: lastSecond,
      });
    });

    it('item 6: a newer change applies', () => {
      const later = new Date(lastSecond.getTime() + 5_000);
      expect(decideItemTransition({ status: LOGIN_REQUIRED, lastEventAt: lastSecond }, ItemEvent.LOGIN_REPAIRED, later)).toEqual({
        applies: true,
        status: ACTIVE,
        eventAt: later,
      });
    });
  });

  it.each([
    [undefined, ACTIVE],
    [ItemEvent.LOGIN_REQUIRED, LOGIN_REQUIRED],
    [ItemEvent.ITEM_ERROR, ERROR],
    [ItemEvent.ACCESS_REVOKED, REVOKED],
  ])('item 6: a new Item whose Plaid reading names %s starts %s', (event, status) => {
    expect(newItemStatus(event)).toBe(status);
  });
});
