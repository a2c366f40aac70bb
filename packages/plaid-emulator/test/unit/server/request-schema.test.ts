import { EmulatedPlaidError } from '../../../src/errors/plaid-error';
import { parseRequestBody, type ObjectSchema } from '../../../src/server/request-schema';

const schema: ObjectSchema = {
  type: 'object',
  required: ['access_token', 'options'],
  properties: {
    access_token: { type: 'string' },
    count: { type: 'integer', minimum: 1, maximum: 500 },
    webhook: { type: 'string', format: 'url', nullable: true },
    options: {
      type: 'object',
      required: ['day'],
      properties: { day: { type: 'string', format: 'date' }, ids: { type: 'array', items: { type: 'string' } } },
    },
    free: { type: 'object' },
  },
};

function failure(body: unknown): EmulatedPlaidError {
  try {
    parseRequestBody(schema, body);
  } catch (error) {
    if (error instanceof EmulatedPlaidError) return error;
    throw error;
  }
  throw new Error('expected a Plaid error');
}

it('returns a conforming body as is', () => {
  const body = { access_token: 'a', count: 5, webhook: null, options: { day: '2024-02-29', ids: ['x'] }, free: { anything: [1] } };
  expect(parseRequestBody(schema, body)).toBe(body);
});

it('lists missing fields, nested ones with their path', () => {
  expect(failure({ options: {} }).body).toMatchObject({
    error_type: 'INVALID_REQUEST',
    error_code: 'MISSING_FIELDS',
    error_message: 'the following required fields are missing: access_token, options.day',
  });
});

it('reports unknown fields before invalid ones', () => {
  expect(failure({ access_token: 'a', options: { day: 'x' }, extra: 1 }).body).toMatchObject({
    error_code: 'UNKNOWN_FIELDS',
    error_message: 'the following fields are not recognized by this endpoint: extra',
  });
});

it.each([
  [{ access_token: 1, options: { day: '2024-01-01' } }, 'access_token must be a string'],
  [{ access_token: 'a', count: 0, options: { day: '2024-01-01' } }, 'count must be an integer between 1 and 500'],
  [{ access_token: 'a', count: 2.5, options: { day: '2024-01-01' } }, 'count must be an integer between 1 and 500'],
  [{ access_token: 'a', webhook: 'ftp://x', options: { day: '2024-01-01' } }, 'webhook must be a valid URL'],
  [{ access_token: 'a', options: { day: '2024-13-45' } }, 'options.day must be a date in YYYY-MM-DD format'],
  [{ access_token: 'a', options: { day: '2024-01-01', ids: [3] } }, 'options.ids[0] must be a string'],
  [{ access_token: null, options: { day: '2024-01-01' } }, 'access_token must be a string'],
])('rejects %j as INVALID_FIELD', (body, message) => {
  expect(failure(body).body).toMatchObject({ error_code: 'INVALID_FIELD', error_message: message });
});

it('refuses a body that is not an object', () => {
  expect(failure([]).body.error_code).toBe('INVALID_BODY');
});
