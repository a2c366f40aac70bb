import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: timeouts', () => {
  it('bounds every wait by default', () => {
    const config = loadConfig({}, '/srv');
    expect(config.database).toEqual({ acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 });
    expect(config.http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(config.plaid.interactiveDeadlineMs).toBe(8_000);
  });

  it('reads each timeout from its variable', () => {
    const config = loadConfig({
      DATABASE_ACQUIRE_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '700',
      PLAID_INTERACTIVE_DEADLINE_MS: '3000',
    });
    expect(config.database).toEqual({ acquireTimeoutMs: 500, statementTimeoutMs: 1_500 });
    expect(config.http).toEqual({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 700 });
    expect(config.plaid.interactiveDeadlineMs).toBe(3_000);
  });

  it('refuses a bad value, naming the variable', () => {
    expect(problem({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toMatch(/^DATABASE_STATEMENT_TIMEOUT_MS/);
    expect(problem({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toMatch(/^HTTP_HEADERS_TIMEOUT_MS.*HTTP_REQUEST_TIMEOUT_MS/);
  });
});
