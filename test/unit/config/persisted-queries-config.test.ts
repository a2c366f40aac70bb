import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: automatic persisted queries', () => {
  it('keeps 2,000 documents at most, each a day, 100 new ones per user a day, by default', () => {
    expect(loadConfig({}, '/srv').persistedQueries).toEqual({ ttlSeconds: 86_400, maxEntries: 2_000, registrationsPerUser: 100 });
  });

  it('reads each bound from its variable', () => {
    const config = loadConfig({ APQ_TTL_SECONDS: '60', APQ_MAX_ENTRIES: '10', APQ_REGISTRATIONS_PER_USER: '3' }, '/srv');
    expect(config.persistedQueries).toEqual({ ttlSeconds: 60, maxEntries: 10, registrationsPerUser: 3 });
  });

  it.each([
    [{ APQ_TTL_SECONDS: '0' }, /^APQ_TTL_SECONDS: must be an integer from 1 to 2592000/],
    [{ APQ_MAX_ENTRIES: '0' }, /^APQ_MAX_ENTRIES: must be an integer from 1 to 1000000/],
    [{ APQ_REGISTRATIONS_PER_USER: 'many' }, /^APQ_REGISTRATIONS_PER_USER: must be an integer/],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
