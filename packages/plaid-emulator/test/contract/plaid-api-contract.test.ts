import {
  Configuration,
  CountryCode,
  PlaidApi,
  Products,
  SandboxItemFireWebhookRequestWebhookCodeEnum,
  type LinkTokenCreateRequest,
  type TransactionsSyncRequest,
} from 'plaid';
import { plaidOpenApiValidator } from '../support/openapi-validator';
import {
  conformanceCheckedClient,
  linkSandboxItem,
  plaidClient,
  plaidErrorOf,
  startTestEmulator,
  TEST_CLIENT_ID,
  TEST_SECRET,
  US,
  type TestEmulator,
} from '../support/emulator-harness';

/**
 * Every endpoint the gateway uses, called through the official client, on the happy path
 * and on the failures Plaid documents. The harness checks each answer, success or error,
 * against Plaid's OpenAPI spec; a non-conforming one fails the test that received it.
 */
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});

afterAll(async () => {
  await t.emulator.close();
  expect(t.log.checked).toBeGreaterThan(50);
});

const linkRequest: LinkTokenCreateRequest = {
  client_name: 'Gateway tests',
  language: 'en',
  country_codes: US,
  user: { client_user_id: 'user-1' },
  products: [Products.Transactions],
};

describe('the conformance check itself', () => {
  it('rejects a body that does not match the spec', () => {
    const validator = plaidOpenApiValidator();
    expect(validator.validateResponse('/item/get', 200, { item: { item_id: 'x' } })).not.toEqual([]);
    expect(validator.validateResponse('/item/get', 400, { error_type: 'NOT_A_TYPE' })).not.toEqual([]);
  });

  it('understands nullable beside $ref and allOf', () => {
    const validator = plaidOpenApiValidator();
    expect(validator.validateComponent('ItemStatusNullable', null)).toEqual([]);
    expect(validator.validateComponent('AccountSubtype', null)).toEqual([]);
    expect(validator.validateComponent('AccountSubtype', 'not a subtype')).not.toEqual([]);
  });
});

describe('credentials', () => {
  it('accepts keys in the body instead of headers', async () => {
    const bare = conformanceCheckedClient(new PlaidApi(new Configuration({ basePath: t.emulator.url })), t.log);
    const answer = await bare.institutionsGetById({
      client_id: TEST_CLIENT_ID,
      secret: TEST_SECRET,
      institution_id: 'ins_109508',
      country_codes: US,
    });
    expect(answer.data.institution.name).toBe('First Platypus Bank');
  });

  it('answers wrong keys with INVALID_API_KEYS', async () => {
    const wrong = plaidClient(t.emulator.url, t.log, { clientId: TEST_CLIENT_ID, secret: 'wrong' });
    const error = await plaidErrorOf(wrong.institutionsGetById({ institution_id: 'ins_109508', country_codes: US }));
    expect(error).toMatchObject({ httpStatus: 400, error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS' });
  });

  it('answers missing keys with MISSING_FIELDS', async () => {
    const bare = conformanceCheckedClient(new PlaidApi(new Configuration({ basePath: t.emulator.url })), t.log);
    const error = await plaidErrorOf(bare.institutionsGetById({ institution_id: 'ins_109508', country_codes: US }));
    expect(error).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'MISSING_FIELDS' });
    expect(error.error_message).toContain('client_id');
  });
});

describe('request validation', () => {
  it('names missing required fields', async () => {
    const error = await plaidErrorOf(t.client.itemGet({} as never));
    expect(error).toMatchObject({ httpStatus: 400, error_type: 'INVALID_REQUEST', error_code: 'MISSING_FIELDS' });
    expect(error.error_message).toBe('the following required fields are missing: access_token');
  });

  it('rejects mistyped fields with INVALID_FIELD', async () => {
    const item = await linkSandboxItem(t.client);
    const request = { access_token: item.accessToken, count: 501 } satisfies TransactionsSyncRequest;
    const error = await plaidErrorOf(t.client.transactionsSync(request));
    expect(error).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' });
    const typed = await plaidErrorOf(t.client.transactionsSync({ access_token: item.accessToken, count: 'ten' } as never));
    expect(typed.error_code).toBe('INVALID_FIELD');
  });

  it('rejects fields the endpoint does not know', async () => {
    const item = await linkSandboxItem(t.client);
    const error = await plaidErrorOf(t.client.itemGet({ access_token: item.accessToken, colour: 'blue' } as never));
    expect(error).toMatchObject({
      error_code: 'UNKNOWN_FIELDS',
      error_message: 'the following fields are not recognized by this endpoint: colour',
    });
  });

  it('answers a body that is not JSON with INVALID_BODY', async () => {
    const response = await fetch(`${t.emulator.url}/item/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'PLAID-CLIENT-ID': TEST_CLIENT_ID, 'PLAID-SECRET': TEST_SECRET },
      body: '{not json',
    });
    const body: unknown = await response.json();
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error_code: 'INVALID_BODY' });
    expect(plaidOpenApiValidator().validateResponse('/item/get', 400, body)).toEqual([]);
  });
});

describe('link tokens and public tokens', () => {
  it('creates a link token that lives 4 hours, and hosted Link URLs when asked', async () => {
    const created = await t.client.linkTokenCreate({ ...linkRequest, hosted_link: {} });
    expect(created.data.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    const lifetime = Date.parse(created.data.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(4 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(4 * 3600_000 + 1000);
    expect(created.data.hosted_link_url).toBe(`${t.emulator.url}/link?token=${created.data.link_token}`);
  });

  it('needs a product outside update mode', async () => {
    const error = await plaidErrorOf(t.client.linkTokenCreate({ ...linkRequest, products: [] }));
    expect(error.error_code).toBe('INVALID_FIELD');
  });

  it('creates an update-mode link token (30 minutes) for an existing Item', async () => {
    const item = await linkSandboxItem(t.client);
    const { products: _omitted, ...update } = linkRequest;
    const created = await t.client.linkTokenCreate({ ...update, access_token: item.accessToken });
    const lifetime = Date.parse(created.data.expiration) - Date.now();
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 1000);
    expect(lifetime).toBeGreaterThan(29 * 60_000);
  });

  it('exchanges a public token once and only once', async () => {
    const { data } = await t.client.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Transactions] });
    expect(data.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);
    const exchanged = await t.client.itemPublicTokenExchange({ public_token: data.public_token });
    expect(exchanged.data.access_token).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    expect(exchanged.data.item_id).toMatch(/^[A-Za-z0-9]{37}$/);
    const reused = await plaidErrorOf(t.client.itemPublicTokenExchange({ public_token: data.public_token }));
    expect(reused).toMatchObject({ httpStatus: 400, error_type: 'INVALID_INPUT', error_code: 'INVALID_PUBLIC_TOKEN' });
  });

  it("reports a link token's settings and the public token of each of its Link sessions at /link/token/get", async () => {
    const { data: created } = await t.client.linkTokenCreate({ ...linkRequest, webhook: 'https://app.example.com/hooks' });
    const fresh = await t.client.linkTokenGet({ link_token: created.link_token });
    expect(fresh.data).toMatchObject({
      link_token: created.link_token,
      expiration: created.expiration,
      metadata: { initial_products: ['transactions'], webhook: 'https://app.example.com/hooks', country_codes: ['US'], language: 'en' },
      link_sessions: [],
    });

    // A person completes the hosted Link page, then a test completes another session through the control API.
    const page = await fetch(`${t.emulator.url}/link/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: created.link_token, institution_id: 'ins_109508', username: 'user_good', password: 'pass_good' }),
    });
    const fromPage = /public-sandbox-[0-9a-f-]{36}/.exec(await page.text())![0];
    const fromControl = await t.emulator.control.createItem({ linkToken: created.link_token, transactions: 1 });

    const { data } = await t.client.linkTokenGet({ link_token: created.link_token });
    const handedOut = data.link_sessions!.map((session) => session.results!.item_add_results.map((result) => result.public_token));
    expect(handedOut).toEqual([[fromPage], [fromControl.publicToken]]);
    expect(data.link_sessions![0].results!.item_add_results[0]).toMatchObject({
      institution: { institution_id: 'ins_109508', name: 'First Platypus Bank' },
      accounts: expect.arrayContaining([expect.objectContaining({ name: 'Plaid Checking', mask: '0000', type: 'depository' })]),
    });
    // The tokens it reports are the ones Plaid exchanges.
    await expect(t.client.itemPublicTokenExchange({ public_token: fromPage })).resolves.toBeDefined();

    const unknown = await plaidErrorOf(t.client.linkTokenGet({ link_token: 'link-sandbox-00000000-0000-0000-0000-000000000000' }));
    expect(unknown).toMatchObject({ httpStatus: 400, error_type: 'INVALID_INPUT', error_code: 'INVALID_LINK_TOKEN' });
  });

  it('refuses malformed and unknown public tokens', async () => {
    const malformed = await plaidErrorOf(t.client.itemPublicTokenExchange({ public_token: 'nonsense' }));
    expect(malformed.error_code).toBe('INVALID_PUBLIC_TOKEN');
    const unknown = await plaidErrorOf(
      t.client.itemPublicTokenExchange({ public_token: 'public-sandbox-00000000-0000-0000-0000-000000000000' }),
    );
    expect(unknown.error_code).toBe('INVALID_PUBLIC_TOKEN');
  });
});

describe('sandbox Items', () => {
  it('links First Platypus Bank with Plaid sandbox accounts', async () => {
    const item = await linkSandboxItem(t.client);
    const { data } = await t.client.accountsGet({ access_token: item.accessToken });
    const byMask = Object.fromEntries(data.accounts.map((account) => [account.mask, account]));
    expect(byMask['0000']).toMatchObject({
      name: 'Plaid Checking',
      type: 'depository',
      subtype: 'checking',
      balances: { available: 100, current: 110 },
    });
    expect(byMask['3333']).toMatchObject({ name: 'Plaid Credit Card', type: 'credit', subtype: 'credit card', balances: { limit: 2000 } });
    expect(byMask['7777']).toMatchObject({ name: 'Plaid Student Loan', type: 'loan', subtype: 'student' });
    expect(byMask['8888']).toMatchObject({ name: 'Plaid Mortgage', type: 'loan', subtype: 'mortgage' });
    expect(data.item).toMatchObject({ item_id: item.itemId, institution_id: 'ins_109508', error: null });
  });

  it('narrows accounts to account_ids, and refuses ids of other Items', async () => {
    const item = await linkSandboxItem(t.client);
    const other = await linkSandboxItem(t.client);
    const all = await t.client.accountsGet({ access_token: item.accessToken });
    const first = all.data.accounts[0].account_id;
    const narrowed = await t.client.accountsGet({ access_token: item.accessToken, options: { account_ids: [first] } });
    expect(narrowed.data.accounts.map((account) => account.account_id)).toEqual([first]);
    const foreign = (await t.client.accountsGet({ access_token: other.accessToken })).data.accounts[0].account_id;
    expect(foreign).not.toBe(first);
    const error = await plaidErrorOf(t.client.accountsGet({ access_token: item.accessToken, options: { account_ids: [foreign] } }));
    expect(error.error_code).toBe('INVALID_ACCOUNT_ID');
  });

  it('serves balances, auth numbers and identity', async () => {
    const item = await linkSandboxItem(t.client);
    const balance = await t.client.accountsBalanceGet({ access_token: item.accessToken });
    expect(balance.data.accounts[0].balances.last_updated_datetime).toEqual(expect.any(String));
    const auth = await t.client.authGet({ access_token: item.accessToken });
    expect(auth.data.numbers.ach).toEqual(
      expect.arrayContaining([expect.objectContaining({ account: '1111222233330000', routing: '011401533', wire_routing: '021000021' })]),
    );
    const identity = await t.client.identityGet({ access_token: item.accessToken });
    expect(identity.data.accounts[0].owners[0].names).toEqual(['Alberta Bobbeth Charleson']);
    expect(identity.data.accounts[0].owners[0].emails[0]).toMatchObject({ data: 'accountholder0@example.com', primary: true });
  });

  it('reports the balances a test set through the control API, exactly, on every endpoint that shows them', async () => {
    const item = await linkSandboxItem(t.client);
    const checking = (await t.client.accountsGet({ access_token: item.accessToken })).data.accounts[0];
    await t.emulator.control.setBalances(item.itemId, checking.account_id, { available: 0.1, current: 575.67 });
    await t.emulator.control.setBalances(item.itemId, checking.account_id, { limit: -9.95 });
    for (const answer of [
      await t.client.accountsBalanceGet({ access_token: item.accessToken }),
      await t.client.accountsGet({ access_token: item.accessToken }),
      await t.client.authGet({ access_token: item.accessToken }),
    ]) {
      const balances = answer.data.accounts.find((account) => account.account_id === checking.account_id)!.balances;
      expect(balances).toMatchObject({ available: 0.1, current: 575.67, limit: -9.95 });
    }
    await expect(t.emulator.control.setBalances(item.itemId, 'no-such-account', { current: 1 })).rejects.toThrow(/INVALID_ACCOUNT_ID/);
  });

  it('scores identity matches on the 0-100 scale', async () => {
    const item = await linkSandboxItem(t.client);
    const exact = await t.client.identityMatch({
      access_token: item.accessToken,
      user: {
        legal_name: 'Alberta Bobbeth Charleson',
        email_address: 'accountholder0@example.com',
        phone_number: '+1 111-555-3333',
        address: { street: '2992 Cameron Road', city: 'Malakoff', region: 'NY', postal_code: '14236', country: 'US' },
      },
    });
    const scores = exact.data.accounts[0];
    expect(scores.legal_name.score).toBeGreaterThanOrEqual(90);
    expect(scores.email_address.score).toBe(100);
    expect(scores.phone_number.score).toBe(100);
    expect(scores.address).toMatchObject({ score: 100, is_postal_code_match: true });
    const stranger = await t.client.identityMatch({ access_token: item.accessToken, user: { legal_name: 'Jonathan Q. Stranger' } });
    expect(stranger.data.accounts[0].legal_name.score).toBeLessThan(70);
    expect(stranger.data.accounts[0].email_address.score).toBeNull();
  });

  it('creates Items in the error an error_<CODE> password names', async () => {
    const item = await linkSandboxItem(t.client, { password: 'error_ITEM_LOCKED' });
    const got = await t.client.itemGet({ access_token: item.accessToken });
    expect(got.data.item.error).toMatchObject({ error_code: 'ITEM_LOCKED', error_type: 'ITEM_ERROR' });
    const error = await plaidErrorOf(t.client.accountsGet({ access_token: item.accessToken }));
    expect(error).toMatchObject({ httpStatus: 400, error_code: 'ITEM_LOCKED' });
  });

  it('refuses bad sandbox credentials and unknown institutions', async () => {
    const badPassword = await plaidErrorOf(
      t.client.sandboxPublicTokenCreate({
        institution_id: 'ins_109508',
        initial_products: [Products.Auth],
        options: { override_password: 'nope' },
      }),
    );
    expect(badPassword.error_code).toBe('INVALID_CREDENTIALS');
    const unknown = await plaidErrorOf(t.client.sandboxPublicTokenCreate({ institution_id: 'ins_404', initial_products: [Products.Auth] }));
    expect(unknown.error_code).toBe('INVALID_INSTITUTION');
  });

  it('updates the webhook, and removes Items for good', async () => {
    const item = await linkSandboxItem(t.client);
    const updated = await t.client.itemWebhookUpdate({ access_token: item.accessToken, webhook: 'http://127.0.0.1:9/hook' });
    expect(updated.data.item.webhook).toBe('http://127.0.0.1:9/hook');
    const status = await t.client.itemGet({ access_token: item.accessToken });
    expect(status.data.status?.last_webhook?.code_sent).toBe('WEBHOOK_UPDATE_ACKNOWLEDGED');
    await t.client.itemRemove({ access_token: item.accessToken });
    const gone = await plaidErrorOf(t.client.itemGet({ access_token: item.accessToken }));
    expect(gone).toMatchObject({ error_type: 'ITEM_ERROR', error_code: 'ITEM_NOT_FOUND' });
  });

  it('refuses unknown and malformed access tokens', async () => {
    const unknown = await plaidErrorOf(t.client.itemGet({ access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000' }));
    expect(unknown.error_code).toBe('INVALID_ACCESS_TOKEN');
    const malformed = await plaidErrorOf(t.client.itemGet({ access_token: 'token' }));
    expect(malformed.error_code).toBe('INVALID_ACCESS_TOKEN');
  });
});

describe('institutions and verification keys', () => {
  it('finds sandbox institutions, with status and metadata on request', async () => {
    const { data } = await t.client.institutionsGetById({
      institution_id: 'ins_109508',
      country_codes: [CountryCode.Us],
      options: { include_optional_metadata: true, include_status: true },
    });
    expect(data.institution).toMatchObject({ institution_id: 'ins_109508', name: 'First Platypus Bank', oauth: false });
    expect(data.institution.status?.item_logins?.status).toBe('HEALTHY');
    const elsewhere = await plaidErrorOf(t.client.institutionsGetById({ institution_id: 'ins_109508', country_codes: [CountryCode.Gb] }));
    expect(elsewhere.error_code).toBe('INVALID_INSTITUTION');
  });

  it('refuses unknown key ids', async () => {
    const error = await plaidErrorOf(t.client.webhookVerificationKeyGet({ key_id: 'no-such-key' }));
    expect(error.error_code).toBe('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
  });
});

describe('sandbox tools', () => {
  it('needs a webhook URL to fire a webhook', async () => {
    const item = await linkSandboxItem(t.client);
    const error = await plaidErrorOf(
      t.client.sandboxItemFireWebhook({
        access_token: item.accessToken,
        webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.DefaultUpdate,
      }),
    );
    expect(error).toMatchObject({ error_type: 'SANDBOX_ERROR', error_code: 'SANDBOX_WEBHOOK_INVALID' });
  });

  it('refuses webhooks of products the Item lacks', async () => {
    const item = await linkSandboxItem(t.client, { webhook: 'http://127.0.0.1:9/hook', products: [Products.Auth] });
    const error = await plaidErrorOf(
      t.client.sandboxItemFireWebhook({
        access_token: item.accessToken,
        webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.SyncUpdatesAvailable,
      }),
    );
    expect(error.error_code).toBe('SANDBOX_PRODUCT_NOT_ENABLED');
  });

  it('puts an Item into ITEM_LOGIN_REQUIRED with reset_login', async () => {
    const item = await linkSandboxItem(t.client);
    const reset = await t.client.sandboxItemResetLogin({ access_token: item.accessToken });
    expect(reset.data.reset_login).toBe(true);
    for (const call of [
      t.client.accountsGet({ access_token: item.accessToken }),
      t.client.transactionsSync({ access_token: item.accessToken }),
      t.client.authGet({ access_token: item.accessToken }),
    ]) {
      expect(await plaidErrorOf(call)).toMatchObject({ httpStatus: 400, error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' });
    }
    const got = await t.client.itemGet({ access_token: item.accessToken });
    expect(got.data.item.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
  });

  it('validates sandbox transactions as Plaid does', async () => {
    const item = await linkSandboxItem(t.client, { username: 'user_transactions_dynamic' });
    const today = new Date().toISOString().slice(0, 10);
    // One day past the sandbox's 14-day window, by the clock this test runs under.
    const fifteenDaysAgo = new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 10);
    const tooOld = await plaidErrorOf(
      t.client.sandboxTransactionsCreate({
        access_token: item.accessToken,
        transactions: [{ date_transacted: fifteenDaysAgo, date_posted: today, amount: 1, description: 'old' }],
      }),
    );
    expect(tooOld.error_code).toBe('INVALID_FIELD');
    const many = Array.from({ length: 11 }, () => ({ date_transacted: today, date_posted: today, amount: 1, description: 'x' }));
    const tooMany = await plaidErrorOf(t.client.sandboxTransactionsCreate({ access_token: item.accessToken, transactions: many }));
    expect(tooMany.error_message).toBe('The request contains too many transactions.');
    const good = await linkSandboxItem(t.client);
    const notDynamic = await plaidErrorOf(
      t.client.sandboxTransactionsCreate({
        access_token: good.accessToken,
        transactions: [{ date_transacted: today, date_posted: today, amount: 1, description: 'x' }],
      }),
    );
    expect(notDynamic.error_code).toBe('INVALID_FIELD');
  });
});

it('answers paths Plaid does not have with a Plaid NOT_FOUND error', async () => {
  const response = await fetch(`${t.emulator.url}/no/such/endpoint`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'NOT_FOUND' });
});
