import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: edge limits and the partner scope', () => {
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
      plaidFieldRateLimitPoints: 10,
    });
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
      plaidFieldRateLimitPoints: 0,
    });
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
    [{ PLAID_FIELD_RATE_LIMIT_POINTS: '-1' }, /^PLAID_FIELD_RATE_LIMIT_POINTS: /],
    [{ PARTNER_SCOPE: 'two words' }, /^PARTNER_SCOPE: "two words" is not a scope name$/],
    [{ PARTNER_SCOPE: 'quo"te' }, /^PARTNER_SCOPE: /],
  ])('refuses %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
