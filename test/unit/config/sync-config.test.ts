import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: the pool and the sync queue', () => {
  it('defaults to a pool of 10 and 4 syncs at once, 2 per user', () => {
    const config = loadConfig({}, '/srv');
    expect(config.databasePoolSize).toBe(10);
    expect(config.sync).toEqual({ concurrency: 4, concurrencyPerUser: 2 });
  });

  it('reads each from its variable', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '4', SYNC_CONCURRENCY: '12', SYNC_CONCURRENCY_PER_USER: '1' });
    expect(config.databasePoolSize).toBe(4);
    expect(config.sync).toEqual({ concurrency: 12, concurrencyPerUser: 1 });
  });

  it.each([
    [{ DATABASE_POOL_SIZE: '1' }, /^DATABASE_POOL_SIZE: must be an integer from 2 to 1000/],
    [{ DATABASE_POOL_SIZE: 'ten' }, /^DATABASE_POOL_SIZE: /],
    [{ SYNC_CONCURRENCY: '0' }, /^SYNC_CONCURRENCY: must be an integer from 1 to 200/],
    [{ SYNC_CONCURRENCY_PER_USER: '201' }, /^SYNC_CONCURRENCY_PER_USER: must be an integer from 1 to 200/],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
