import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../../../src/errors/database-unavailable';
import { formatClientError, isUnexpectedError } from '../../../src/errors/error-mapping';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const executionError = (original: Error) => new GraphQLError(original.message, { path: ['items'], originalError: original });

describe('database unavailability', () => {
  it.each([
    ['pg-pool acquisition timeout', new Error('timeout exceeded when trying to connect')],
    ['client-side read timeout', new Error('Query read timeout')],
    ['statement_timeout', new QueryFailedError('SELECT 1', [], withCode('canceling statement due to statement timeout', '57014'))],
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['a wrapped cause', new Error('sync failed', { cause: new Error('Connection terminated unexpectedly') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('duplicate key value', '23505'))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'item')")],
    ['a non-error', 'timeout exceeded when trying to connect'],
  ])('does not mistake %s for it', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('reaches the client as SERVICE_UNAVAILABLE with retryAfterSeconds, not as a masked internal error', () => {
    const error = executionError(new Error('Query read timeout'));
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatClientError(error.toJSON(), error)).toEqual({
      message: expect.stringMatching(/database/),
      path: ['items'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
    });
  });
});
