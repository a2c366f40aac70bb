import { MemoryPersistedQueryStore } from '../../../src/server/memory-persisted-query-store';

const limits = { ttlSeconds: 60, maxEntries: 5, registrationsPerUser: 3 };

describe('MemoryPersistedQueryStore', () => {
  let now: number;
  let store: MemoryPersistedQueryStore;
  const register = (hash: string, userId = 'ann') => store.register({ hash, document: `{ a${hash} }`, userId });

  beforeEach(() => {
    now = Date.now();
    store = new MemoryPersistedQueryStore(limits, () => now);
  });

  afterEach(() => store.close());

  it('keeps up to APQ_REGISTRATIONS_PER_USER new documents per user, then none until the period ends', async () => {
    expect(await Promise.all(['1', '2', '3', '4'].map((hash) => register(hash)))).toEqual(['kept', 'kept', 'kept', 'over-user-quota']);
    expect(await store.get('3')).toBe('{ a3 }');
    expect(await store.get('4')).toBeUndefined();
    expect(await register('5', 'bob')).toBe('kept');

    now += limits.ttlSeconds * 1000;
    expect(await register('4')).toBe('kept');
  });

  it('renews a kept document without counting it again', async () => {
    for (let i = 0; i < 10; i += 1) expect(await register('1')).toBe('kept');
    expect(await register('2')).toBe('kept');
    expect(await register('3')).toBe('kept');
  });

  it('holds APQ_MAX_ENTRIES documents at most: the least recently used goes', async () => {
    const users = ['ann', 'bob', 'cid'];
    for (let i = 0; i < 9; i += 1) expect(await register(String(i), users[i % 3])).toBe('kept');
    const kept = await Promise.all(Array.from({ length: 9 }, (_, i) => store.get(String(i))));
    expect(kept.filter((document) => document !== undefined)).toEqual(['{ a4 }', '{ a5 }', '{ a6 }', '{ a7 }', '{ a8 }']);
  });
});
