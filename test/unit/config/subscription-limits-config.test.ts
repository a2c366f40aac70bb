import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: subscription slots and replay pages', () => {
  it('has defaults', () => {
    expect(loadConfig({}, '/srv').subscriptions).toEqual({ perConnection: 20, perUser: 50, replayPageSize: 100 });
  });

  it('reads each from its variable', () => {
    const config = loadConfig({ MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', MAX_SUBSCRIPTIONS_PER_USER: '5', REPLAY_PAGE_SIZE: '7' }, '/srv');
    expect(config.subscriptions).toEqual({ perConnection: 3, perUser: 5, replayPageSize: 7 });
  });

  it.each([
    [{ MAX_SUBSCRIPTIONS_PER_CONNECTION: '0' }, /^MAX_SUBSCRIPTIONS_PER_CONNECTION: must be an integer from 1 to 10000 \(got "0"\)$/],
    [{ MAX_SUBSCRIPTIONS_PER_USER: 'many' }, /^MAX_SUBSCRIPTIONS_PER_USER: must be an integer from 1 to 100000/],
    [{ REPLAY_PAGE_SIZE: '0' }, /^REPLAY_PAGE_SIZE: must be an integer from 1 to 10000/],
    [{ REPLAY_PAGE_SIZE: '20000' }, /^REPLAY_PAGE_SIZE: /],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
