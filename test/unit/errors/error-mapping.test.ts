import { GraphQLError } from 'graphql';
import { DomainError } from '../../../src/errors/domain-error';
import { formatClientError, isUnexpectedError } from '../../../src/errors/error-mapping';

const executionError = (original: Error) => new GraphQLError(original.message, { path: ['me'], originalError: original });

describe('error mapping', () => {
  it('maps a domain error to its code and details', () => {
    const error = executionError(new DomainError('ITEM_LOGIN_REQUIRED', 'Login required', { itemId: 'i1' }));
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatClientError(error.toJSON(), error)).toEqual({
      message: 'Login required',
      path: ['me'],
      extensions: { code: 'ITEM_LOGIN_REQUIRED', itemId: 'i1' },
    });
  });

  it('masks anything unexpected and keeps no stack or message', () => {
    const error = executionError(new Error('relation "items" does not exist at 10.0.0.3'));
    expect(isUnexpectedError(error)).toBe(true);
    const formatted = formatClientError({ ...error.toJSON(), extensions: { stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps graphql-js request errors, which reveal nothing internal', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".');
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatClientError(error.toJSON(), error).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('keeps Apollo codes and drops stack traces', () => {
    const error = new GraphQLError('Variable "$x" got invalid value', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatClientError({ ...error.toJSON(), extensions: { code: 'BAD_USER_INPUT', stacktrace: ['s'] } }, error).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it("gives an input scalar's refusal written inline the code it has in a variable, not Apollo's validation code", () => {
    const refused = new GraphQLError('"1e3" is not a plain decimal number such as "-12.34".', { extensions: { code: 'BAD_USER_INPUT' } });
    // What Apollo makes of it during validation (its ValidationError).
    const error = new GraphQLError(refused.message, { originalError: refused, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatClientError(error.toJSON(), error).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const unknownField = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatClientError(unknownField.toJSON(), unknownField).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('masks errors Apollo itself marks internal', () => {
    const error = new GraphQLError('Context creation failed: connect ECONNREFUSED', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatClientError(error.toJSON(), error).message).toBe('Internal server error');
  });
});
