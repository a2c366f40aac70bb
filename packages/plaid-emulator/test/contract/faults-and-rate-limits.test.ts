import { EmulatorControlError } from '../../src';
import { linkSandboxItem, plaidErrorOf, startTestEmulator, US, type TestEmulator } from '../support/emulator-harness';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});

afterEach(async () => {
  await t.emulator.control.clearFaults();
});

afterAll(async () => {
  await t.emulator.close();
});

describe('injected errors', () => {
  it('fails an endpoint a given number of times with a Plaid error', async () => {
    const item = await linkSandboxItem(t.client);
    await t.emulator.control.injectError({ endpoint: '/accounts/get', errorCode: 'INSTITUTION_DOWN', times: 2 });
    for (let i = 0; i < 2; i++) {
      expect(await plaidErrorOf(t.client.accountsGet({ access_token: item.accessToken }))).toMatchObject({
        httpStatus: 400,
        error_type: 'INSTITUTION_ERROR',
        error_code: 'INSTITUTION_DOWN',
      });
    }
    await expect(t.client.accountsGet({ access_token: item.accessToken })).resolves.toBeDefined();
  });

  it('answers 5xx faults with their HTTP status', async () => {
    const item = await linkSandboxItem(t.client);
    await t.emulator.control.injectError({ endpoint: '*', errorCode: 'INTERNAL_SERVER_ERROR', times: 1 });
    expect(await plaidErrorOf(t.client.itemGet({ access_token: item.accessToken }))).toMatchObject({
      httpStatus: 500,
      error_type: 'API_ERROR',
    });
    await t.emulator.control.injectError({ endpoint: '/transactions/sync', errorCode: 'PLANNED_MAINTENANCE', times: 1 });
    expect(await plaidErrorOf(t.client.transactionsSync({ access_token: item.accessToken }))).toMatchObject({ httpStatus: 503 });
  });

  it('scopes a fault to one Item', async () => {
    const hit = await linkSandboxItem(t.client);
    const spared = await linkSandboxItem(t.client);
    await t.emulator.control.injectError({ endpoint: '/item/get', errorCode: 'ITEM_LOGIN_REQUIRED', itemId: hit.itemId });
    expect((await plaidErrorOf(t.client.itemGet({ access_token: hit.accessToken }))).error_code).toBe('ITEM_LOGIN_REQUIRED');
    await expect(t.client.itemGet({ access_token: spared.accessToken })).resolves.toBeDefined();
  });

  it('fails a share of requests when given a probability', async () => {
    await t.emulator.control.injectError({
      endpoint: '/institutions/get_by_id',
      errorCode: 'INSTITUTION_NOT_RESPONDING',
      probability: 0.5,
    });
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      try {
        await t.client.institutionsGetById({ institution_id: 'ins_109508', country_codes: US });
      } catch {
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });

  it('refuses codes it does not know, and lists and removes rules', async () => {
    await expect(t.emulator.control.injectError({ endpoint: '*', errorCode: 'NOT_A_CODE' as never })).rejects.toBeInstanceOf(
      EmulatorControlError,
    );
    const id = await t.emulator.control.injectError({ endpoint: '/item/get', errorCode: 'INSTITUTION_DOWN' });
    expect((await t.emulator.control.faults()).errors.map((rule) => rule.id)).toEqual([id]);
    await t.emulator.control.removeFault(id);
    expect((await t.emulator.control.faults()).errors).toEqual([]);
  });
});

describe('latency', () => {
  it('slows an endpoint down', async () => {
    const item = await linkSandboxItem(t.client);
    await t.emulator.control.addLatency({ endpoint: '/accounts/get', ms: 250, times: 1 });
    const started = Date.now();
    await t.client.accountsGet({ access_token: item.accessToken });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    const again = Date.now();
    await t.client.accountsGet({ access_token: item.accessToken });
    expect(Date.now() - again).toBeLessThan(240);
  });
});

describe('sync page failure', () => {
  it('makes the chosen sync page of an Item fail mid-pagination', async () => {
    const item = await t.emulator.control.createItem({ transactions: 1200 });
    await t.emulator.control.failNextSyncPage(item.itemId, { afterPages: 1 });
    const first = await t.client.transactionsSync({ access_token: item.accessToken, count: 500 });
    const error = await plaidErrorOf(
      t.client.transactionsSync({ access_token: item.accessToken, cursor: first.data.next_cursor, count: 500 }),
    );
    expect(error).toMatchObject({ httpStatus: 400, error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' });
    const retried = await t.client.transactionsSync({ access_token: item.accessToken, cursor: first.data.next_cursor, count: 500 });
    expect(retried.data.added).toHaveLength(500);
  });
});

describe('rate limits', () => {
  it("limits /accounts/balance/get to Plaid's 5 a minute per Item", async () => {
    const item = await linkSandboxItem(t.client);
    const other = await linkSandboxItem(t.client);
    for (let i = 0; i < 5; i++) await t.client.accountsBalanceGet({ access_token: item.accessToken });
    expect(await plaidErrorOf(t.client.accountsBalanceGet({ access_token: item.accessToken }))).toMatchObject({
      httpStatus: 429,
      error_type: 'RATE_LIMIT_EXCEEDED',
      error_code: 'ACCOUNTS_BALANCE_GET_LIMIT',
    });
    await expect(t.client.accountsBalanceGet({ access_token: other.accessToken })).resolves.toBeDefined();
    await t.emulator.control.advanceClock(61_000);
    await expect(t.client.accountsBalanceGet({ access_token: item.accessToken })).resolves.toBeDefined();
  });

  it('takes other limits from configuration', async () => {
    const item = await linkSandboxItem(t.client);
    const limits = await t.emulator.control.setRateLimits({ limits: { '/item/get': 2 } });
    expect(limits['/item/get']).toBe(2);
    await t.client.itemGet({ access_token: item.accessToken });
    await t.client.itemGet({ access_token: item.accessToken });
    expect((await plaidErrorOf(t.client.itemGet({ access_token: item.accessToken }))).error_code).toBe('ITEM_GET_LIMIT');
    await t.emulator.control.setRateLimits({ disable_all: true });
    await expect(t.client.itemGet({ access_token: item.accessToken })).resolves.toBeDefined();
    await t.emulator.control.setRateLimits({ reset: true });
  });
});

describe('control API', () => {
  it('refuses callers without the emulator credentials', async () => {
    const response = await fetch(`${t.emulator.url}/emulator/faults`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_code: 'MISSING_FIELDS' });
  });

  it('creates an Item of 100,000 generated transactions without building them', async () => {
    const before = process.memoryUsage().heapUsed;
    const item = await t.emulator.control.createItem({ transactions: 100_000 });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    const page = await t.client.transactionsSync({ access_token: item.accessToken, count: 500 });
    expect(page.data.added).toHaveLength(500);
    expect(page.data.has_more).toBe(true);
  });
});
