import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: AUTH_VERIFIED_TOKENS', () => {
  it('trusts 1,000 verified tokens by default and reads the variable', () => {
    expect(loadConfig({}, '/srv').auth.verifiedTokens).toBe(1000);
    expect(loadConfig({ AUTH_VERIFIED_TOKENS: '0' }, '/srv').auth.verifiedTokens).toBe(0);
  });

  it.each([
    [{ AUTH_VERIFIED_TOKENS: '-1' }, /^AUTH_VERIFIED_TOKENS: must be an integer from 0 to 100000/],
    [{ AUTH_VERIFIED_TOKENS: 'all' }, /^AUTH_VERIFIED_TOKENS: must be an integer from 0 to 100000/],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
