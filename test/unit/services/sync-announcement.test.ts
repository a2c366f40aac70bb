import { TransactionsUpdateStatus } from '../../../src/entities/item-status';
import { announcesSync } from '../../../src/services/sync-announcement';

const { INITIAL_UPDATE_COMPLETE: INITIAL, HISTORICAL_UPDATE_COMPLETE: HISTORICAL } = TransactionsUpdateStatus;

describe('announcesSync', () => {
  it.each([
    ['nothing new', 0, 0, 0, HISTORICAL, HISTORICAL, false],
    ['nothing new, no status yet', 0, 0, 0, null, null, false],
    ['an addition', 1, 0, 0, HISTORICAL, HISTORICAL, true],
    ['a modification', 0, 2, 0, HISTORICAL, HISTORICAL, true],
    ['a removal', 0, 0, 3, HISTORICAL, HISTORICAL, true],
    ['only the history completing', 0, 0, 0, INITIAL, HISTORICAL, true],
    ['a first status', 0, 0, 0, null, INITIAL, true],
  ] as const)(
    '%s: %i added, %i modified, %i removed, %s -> %s: %s',
    (_case, added, modified, removed, statusBefore, statusAfter, expected) => {
      expect(announcesSync({ added, modified, removed, statusBefore, statusAfter })).toBe(expected);
    },
  );
});
