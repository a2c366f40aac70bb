import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: subscription slots, replay pages and slow subscribers', () => {
  it('has defaults', () => {
    expect(loadConfig({}, '/srv').subscriptions).toEqual({
      perConnection: 20,
      perUser: 50,
      replayPageSize: 100,
      maxBufferedBytes: 1_048_576,
    });
  });

  it('reads each from its variable', () => {
    const config = loadConfig(
      {
        MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        MAX_SUBSCRIPTIONS_PER_USER: '5',
        REPLAY_PAGE_SIZE: '7',
        SUBSCRIBER_MAX_BUFFERED_BYTES: '4096',
      },
      '/srv',
    );
    expect(config.subscriptions).toEqual({ perConnection: 3, perUser: 5, replayPageSize: 7, maxBufferedBytes: 4096 });
  });

  it.each([
    [{ MAX_SUBSCRIPTIONS_PER_CONNECTION: '0' }, /^MAX_SUBSCRIPTIONS_PER_CONNECTION: must be an integer from 1 to 10000 \(got "0"\)$/],
    [{ MAX_SUBSCRIPTIONS_PER_USER: 'many' }, /^MAX_SUBSCRIPTIONS_PER_USER: must be an integer from 1 to 100000/],
    [{ REPLAY_PAGE_SIZE: '0' }, /^REPLAY_PAGE_SIZE: must be an integer from 1 to 10000/],
    [{ REPLAY_PAGE_SIZE: '20000' }, /^REPLAY_PAGE_SIZE: /],
    [{ SUBSCRIBER_MAX_BUFFERED_BYTES: '255' }, /^SUBSCRIBER_MAX_BUFFERED_BYTES: must be an integer from 256 to 1073741824/],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
