import { RecentPositions } from '../../../src/services/recent-positions';

describe('RecentPositions (EVENT_RELAY_TRACKED_USERS)', () => {
  it('keeps at most its capacity, forgetting the user heard from least recently', () => {
    const positions = new RecentPositions(3);
    for (let i = 0; i < 10_000; i += 1) positions.set(`user-${i}`, i);
    expect(positions.size).toBe(3);
    expect(positions.entries()).toEqual([
      ['user-9997', 9997],
      ['user-9998', 9998],
      ['user-9999', 9999],
    ]);
  });

  it('counts an update as use: a busy user stays while quiet ones go', () => {
    const positions = new RecentPositions(2);
    positions.set('busy', 1);
    positions.set('quiet', 1);
    positions.set('busy', 2);
    positions.set('new', 1);
    expect(positions.get('quiet')).toBeUndefined();
    expect(positions.get('busy')).toBe(2);
    expect(positions.get('new')).toBe(1);
  });
});
