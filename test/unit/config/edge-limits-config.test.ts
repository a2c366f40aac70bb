import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: edge limits, the partner scope and TRUST_PROXY', () => {
  it('has defaults for every limit', () => {
    const config = loadConfig({}, '/srv');
    expect(config.partnerScope).toBe('partner');
    expect(config.limits).toEqual({
      maxDepth: 10,
      maxCost: 50_000,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 2000,
      maxMergeWork: 2000,
      maxValidationErrors: 10,
      maxPageSize: 500,
      maxPlaidFields: 3,
      maxRequestBytes: 102_400,
      maxDocumentBytes: 32_768,
      rateLimitOperations: 300,
      rateLimitWindowSeconds: 60,
      rateLimitAnonymousOperations: 60,
      plaidFieldRateLimitPoints: 10,
    });
    expect(config.trustProxy).toBeUndefined();
  });

  it('reads each limit from its variable', () => {
    const config = loadConfig(
      {
        PARTNER_SCOPE: 'graphql:explore',
        GRAPHQL_MAX_DEPTH: '4',
        GRAPHQL_MAX_COST: '100',
        GRAPHQL_MAX_ALIASES: '0',
        GRAPHQL_MAX_DIRECTIVES: '2',
        GRAPHQL_MAX_TOKENS: '300',
        GRAPHQL_MAX_MERGE_WORK: '40',
        GRAPHQL_MAX_VALIDATION_ERRORS: '3',
        GRAPHQL_MAX_PAGE_SIZE: '50',
        MAX_REQUEST_BYTES: '2048',
        MAX_DOCUMENT_BYTES: '1500',
        RATE_LIMIT_OPERATIONS: '5',
        RATE_LIMIT_WINDOW_SECONDS: '10',
        MAX_PLAID_FIELDS_PER_OPERATION: '1',
        RATE_LIMIT_ANONYMOUS_OPERATIONS: '7',
        PLAID_FIELD_RATE_LIMIT_POINTS: '0',
      },
      '/srv',
    );
    expect(config.partnerScope).toBe('graphql:explore');
    expect(config.limits).toEqual({
      maxDepth: 4,
      maxCost: 100,
      maxAliases: 0,
      maxDirectives: 2,
      maxTokens: 300,
      maxMergeWork: 40,
      maxValidationErrors: 3,
      maxPageSize: 50,
      maxPlaidFields: 1,
      maxRequestBytes: 2048,
      maxDocumentBytes: 1500,
      rateLimitOperations: 5,
      rateLimitWindowSeconds: 10,
      rateLimitAnonymousOperations: 7,
      plaidFieldRateLimitPoints: 0,
    });
  });

  it.each([
    ['2', 2],
    ['loopback', ['loopback']],
    [' 10.0.0.0/8 , 2001:db8::/32,192.0.2.7 ', ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7']],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }, '/srv').trustProxy).toEqual(expected);
  });

  it.each([
    [{ GRAPHQL_MAX_DEPTH: '0' }, /^GRAPHQL_MAX_DEPTH: must be an integer from 1 to 100 \(got "0"\)$/],
    [{ GRAPHQL_MAX_COST: 'lots' }, /^GRAPHQL_MAX_COST: must be an integer/],
    [{ GRAPHQL_MAX_ALIASES: '-1' }, /^GRAPHQL_MAX_ALIASES: /],
    [{ GRAPHQL_MAX_DIRECTIVES: '1.5' }, /^GRAPHQL_MAX_DIRECTIVES: /],
    [{ GRAPHQL_MAX_TOKENS: '10' }, /^GRAPHQL_MAX_TOKENS: must be an integer from 100 to 100000/],
    [{ GRAPHQL_MAX_VALIDATION_ERRORS: '0' }, /^GRAPHQL_MAX_VALIDATION_ERRORS: must be an integer from 1 to 100/],
    [{ GRAPHQL_MAX_MERGE_WORK: '-1' }, /^GRAPHQL_MAX_MERGE_WORK: must be an integer from 0/],
    [{ GRAPHQL_MAX_PAGE_SIZE: '100000' }, /^GRAPHQL_MAX_PAGE_SIZE: /],
    [{ MAX_REQUEST_BYTES: '1mb' }, /^MAX_REQUEST_BYTES: must be an integer from 1024 to 10485760/],
    [{ MAX_DOCUMENT_BYTES: '100' }, /^MAX_DOCUMENT_BYTES: must be an integer from 1024 to 10485760/],
    [{ RATE_LIMIT_OPERATIONS: '0' }, /^RATE_LIMIT_OPERATIONS: /],
    [{ RATE_LIMIT_WINDOW_SECONDS: '1d' }, /^RATE_LIMIT_WINDOW_SECONDS: /],
    [{ MAX_PLAID_FIELDS_PER_OPERATION: '0' }, /^MAX_PLAID_FIELDS_PER_OPERATION: must be an integer from 1 to 1000/],
    [{ RATE_LIMIT_ANONYMOUS_OPERATIONS: '0' }, /^RATE_LIMIT_ANONYMOUS_OPERATIONS: /],
    [{ PLAID_FIELD_RATE_LIMIT_POINTS: '-1' }, /^PLAID_FIELD_RATE_LIMIT_POINTS: /],
    [{ TRUST_PROXY: 'true' }, /^TRUST_PROXY: "true" is neither an address.*never every address$/],
    [{ TRUST_PROXY: 'loopback,proxy.internal' }, /^TRUST_PROXY: "proxy.internal" is neither/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^TRUST_PROXY: "10.0.0.0\/33" is neither/],
    [{ TRUST_PROXY: '0' }, /^TRUST_PROXY: must be a hop count from 1 to 10/],
    [{ PARTNER_SCOPE: 'two words' }, /^PARTNER_SCOPE: "two words" is not a scope name$/],
    [{ PARTNER_SCOPE: 'quo"te' }, /^PARTNER_SCOPE: /],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
