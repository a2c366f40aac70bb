import { randomUUID } from 'node:crypto';
import { plaidEndpoints } from '../../src/api/plaid-endpoints';
import type { PlaidErrorCode } from '../../src';
import type { FieldSchema, ObjectSchema } from '../../src/server/request-schema';
import { plaidOpenApiValidator } from '../support/openapi-validator';
import { linkSandboxItem, startTestEmulator, TEST_CLIENT_ID, TEST_SECRET, type TestEmulator } from '../support/emulator-harness';

/**
 * Plaid's errors on every path. The endpoints come from the emulator's route registry, so a
 * new endpoint is walked here without anyone listing it: a bad token, a missing field, an
 * unknown field, wrong keys, a removed Item and an Item in an error state, each answer a
 * Plaid error object that conforms to the spec.
 */
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: false });
});

afterAll(async () => {
  await t.emulator.close();
});

/** A value the field accepts (the first of an enum, a date for dates, the least a list may hold). */
function sample(schema: FieldSchema): unknown {
  switch (schema.type) {
    case 'string':
      if (schema.enum) return schema.enum[0];
      if (schema.format === 'date') return '2020-01-01';
      if (schema.format === 'date-time') return '2020-01-01T00:00:00Z';
      if (schema.format === 'url') return 'https://app.example.com/hooks';
      return 'x';
    case 'integer':
      return schema.minimum ?? 1;
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items));
    case 'object':
      return minimalBody(schema);
  }
}

/** A body with only the required fields, each with an accepted value. */
function minimalBody(schema: ObjectSchema): Record<string, unknown> {
  return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(schema.properties![name])]));
}

interface BadReference {
  field: string;
  value: unknown;
  code: PlaidErrorCode;
}

/**
 * What each endpoint without an access token answers when the id or token it is given names
 * nothing ('none': it takes no reference, and answers a minimal body with 200). Endpoints
 * with an access token need no row: they all answer INVALID_ACCESS_TOKEN.
 */
const CLIENT_ENDPOINT_REFERENCES: Record<string, BadReference | 'none'> = {
  '/link/token/create': { field: 'access_token', value: `access-sandbox-${randomUUID()}`, code: 'INVALID_ACCESS_TOKEN' },
  '/link/token/get': { field: 'link_token', value: `link-sandbox-${randomUUID()}`, code: 'INVALID_LINK_TOKEN' },
  '/item/public_token/exchange': { field: 'public_token', value: `public-sandbox-${randomUUID()}`, code: 'INVALID_PUBLIC_TOKEN' },
  '/item/import': { field: 'user_auth', value: { user_id: 'nobody', auth_token: 'x' }, code: 'INVALID_CREDENTIALS' },
  '/institutions/get_by_id': { field: 'institution_id', value: 'ins_0', code: 'INVALID_INSTITUTION' },
  '/sandbox/public_token/create': { field: 'institution_id', value: 'ins_0', code: 'INVALID_INSTITUTION' },
  '/webhook_verification_key/get': { field: 'key_id', value: randomUUID(), code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID' },
  '/institutions/get': 'none',
  '/institutions/search': 'none',
  '/categories/get': 'none',
};

const itemEndpoints = plaidEndpoints.filter((endpoint) => endpoint.access !== null);
const clientEndpoints = plaidEndpoints.filter((endpoint) => endpoint.access === null);
const healthyOnly = plaidEndpoints.filter((endpoint) => endpoint.access === 'healthy');
const withRequired = plaidEndpoints.filter((endpoint) => (endpoint.schema.required ?? []).length > 0);
const withKnownFields = plaidEndpoints.filter((endpoint) => endpoint.schema.properties !== undefined);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(path: string, body: unknown, secret = TEST_SECRET): Promise<Answer> {
  const response = await fetch(`${t.emulator.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'PLAID-CLIENT-ID': TEST_CLIENT_ID, 'PLAID-SECRET': secret },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A Plaid error as Plaid sends one: the spec's shape, a request id, and every field apps read. */
function expectPlaidError(path: string, answer: Answer, code: string, status = 400): void {
  expect({ path, status: answer.status, code: answer.body.error_code }).toEqual({ path, status, code });
  expect(answer.body).toEqual(
    expect.objectContaining({
      request_id: expect.stringMatching(/^[A-Za-z0-9]{15}$/),
      error_type: expect.any(String),
      display_message: answer.body.display_message === null ? null : expect.any(String),
      documentation_url: expect.stringMatching(/^https:\/\/plaid\.com\/docs\/errors\//),
    }),
  );
  expect(plaidOpenApiValidator().validateResponse(path, status, answer.body)).toEqual([]);
}

const paths = (endpoints: typeof plaidEndpoints) => endpoints.map((endpoint) => [endpoint.path, endpoint] as const);

it('has a bad-reference row for every endpoint without an access token, and none for endpoints it does not serve', () => {
  expect(Object.keys(CLIENT_ENDPOINT_REFERENCES).sort()).toEqual(clientEndpoints.map((endpoint) => endpoint.path).sort());
  expect(plaidEndpoints.length).toBeGreaterThanOrEqual(27);
});

describe('a bad token or id', () => {
  it.each(paths(itemEndpoints))('%s: a malformed access token is INVALID_ACCESS_TOKEN', async (path, endpoint) => {
    expectPlaidError(path, await post(path, { ...minimalBody(endpoint.schema), access_token: 'not-a-token' }), 'INVALID_ACCESS_TOKEN');
  });

  it.each(paths(itemEndpoints))('%s: an unknown access token is INVALID_ACCESS_TOKEN', async (path, endpoint) => {
    const body = { ...minimalBody(endpoint.schema), access_token: `access-sandbox-${randomUUID()}` };
    expectPlaidError(path, await post(path, body), 'INVALID_ACCESS_TOKEN');
  });

  it.each(paths(clientEndpoints))('%s: a token or id that names nothing is refused as Plaid refuses it', async (path, endpoint) => {
    const reference = CLIENT_ENDPOINT_REFERENCES[path];
    if (reference === 'none') {
      expect((await post(path, minimalBody(endpoint.schema))).status).toBe(200);
      return;
    }
    expectPlaidError(path, await post(path, { ...minimalBody(endpoint.schema), [reference.field]: reference.value }), reference.code);
  });
});

describe('a malformed body', () => {
  it.each(paths(withRequired))('%s: a missing field is MISSING_FIELDS, naming it', async (path, endpoint) => {
    const answer = await post(path, {});
    expectPlaidError(path, answer, 'MISSING_FIELDS');
    expect(answer.body.error_message).toBe(`the following required fields are missing: ${endpoint.schema.required!.join(', ')}`);
  });

  it.each(paths(withKnownFields))('%s: an unknown field is UNKNOWN_FIELDS', async (path, endpoint) => {
    expectPlaidError(path, await post(path, { ...minimalBody(endpoint.schema), colour: 'blue' }), 'UNKNOWN_FIELDS');
  });

  it('leaves only endpoints that take no fields out of those two rows', () => {
    const exempt = plaidEndpoints.filter((endpoint) => !withRequired.includes(endpoint) && !withKnownFields.includes(endpoint));
    expect(exempt.map((endpoint) => endpoint.path)).toEqual(['/categories/get']);
  });
});

describe('wrong keys', () => {
  it.each(paths(plaidEndpoints))('%s: wrong keys are INVALID_API_KEYS (where Plaid asks for keys)', async (path, endpoint) => {
    const answer = await post(path, minimalBody(endpoint.schema), 'wrong-secret');
    if (endpoint.requiresKeys) expectPlaidError(path, answer, 'INVALID_API_KEYS');
    else expect(answer.status).toBe(200);
  });
});

describe('Items that cannot answer', () => {
  it.each(paths(itemEndpoints))('%s: a removed Item is ITEM_NOT_FOUND', async (path, endpoint) => {
    const item = await linkSandboxItem(t.client);
    await t.client.itemRemove({ access_token: item.accessToken });
    expectPlaidError(path, await post(path, { ...minimalBody(endpoint.schema), access_token: item.accessToken }), 'ITEM_NOT_FOUND');
  });

  it.each(paths(healthyOnly))("%s: an Item in an error state answers the Item's error", async (path, endpoint) => {
    const item = await linkSandboxItem(t.client, { password: 'error_ITEM_LOGIN_REQUIRED' });
    expectPlaidError(path, await post(path, { ...minimalBody(endpoint.schema), access_token: item.accessToken }), 'ITEM_LOGIN_REQUIRED');
  });

  it('/transactions/refresh: an Item in an error state answers its error and records a failed update', async () => {
    const item = await linkSandboxItem(t.client, { password: 'error_ITEM_LOGIN_REQUIRED' });
    expectPlaidError(
      '/transactions/refresh',
      await post('/transactions/refresh', { access_token: item.accessToken }),
      'ITEM_LOGIN_REQUIRED',
    );
    const { data } = await t.client.itemGet({ access_token: item.accessToken });
    expect(data.status?.transactions?.last_failed_update).toEqual(expect.any(String));
  });
});
