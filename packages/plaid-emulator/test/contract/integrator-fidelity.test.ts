import {
  CountryCode,
  DepositoryAccountSubtype,
  ProcessorTokenCreateRequestProcessorEnum as Processor,
  Products,
  type PlaidApi,
  type ProcessorTokenCreateRequest,
  type Transaction,
} from 'plaid';
import type { WebhookReceiver } from '../../src';
import { byCode, startWebhookReceiver } from '../support/webhook-receiver';
import { linkSandboxItem, plaidErrorOf, startTestEmulator, US, type TestEmulator } from '../support/emulator-harness';

/**
 * The emulator as an app that integrated Plaid before /transactions/sync sees it: every call
 * goes through the official `plaid` client (each answer checked against Plaid's spec by the
 * harness), nothing reaches into the emulator. Dates are relative to now, as an app's are.
 */
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: false });
});

afterAll(async () => {
  await t.emulator.close();
});

/** A webhook receiver for one test, stopped when that test ends. */
const receivers: WebhookReceiver[] = [];
async function receiverForThisTest(): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  return receiver;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

const DAY_MS = 86_400_000;
const dateFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** Wider than any sandbox history (730 days at most), and past today whatever the time zone. */
const ALL_TIME = { start_date: dateFromNow(-800), end_date: dateFromNow(2) };

async function allTransactions(client: PlaidApi, accessToken: string): Promise<{ transactions: Transaction[]; total: number }> {
  const transactions: Transaction[] = [];
  for (;;) {
    const { data } = await client.transactionsGet({
      access_token: accessToken,
      ...ALL_TIME,
      options: { count: 500, offset: transactions.length },
    });
    transactions.push(...data.transactions);
    if (transactions.length >= data.total_transactions) return { transactions, total: data.total_transactions };
  }
}

const DYNAMIC = { username: 'user_transactions_dynamic', password: 'any' };

describe('/transactions/get', () => {
  it('/transactions/get: newest first within the dates, paged by count and offset, narrowed to account_ids', async () => {
    const item = await linkSandboxItem(t.client, DYNAMIC);
    const { data: first } = await t.client.transactionsGet({ access_token: item.accessToken, ...ALL_TIME, options: { count: 50 } });
    expect(first.transactions).toHaveLength(50);
    expect(first.total_transactions).toBe(270);
    expect(first.item.item_id).toBe(item.itemId);
    expect(first.accounts.map((account) => account.mask).sort()).toEqual(['0000', '1111', '3333']);
    const dates = first.transactions.map((transaction) => transaction.date);
    expect(dates).toEqual([...dates].sort().reverse());

    const { data: next } = await t.client.transactionsGet({
      access_token: item.accessToken,
      ...ALL_TIME,
      options: { count: 50, offset: 50 },
    });
    expect(next.transactions[0].date <= dates[49]).toBe(true);
    expect(new Set([...first.transactions, ...next.transactions].map((transaction) => transaction.transaction_id)).size).toBe(100);

    const { data: defaults } = await t.client.transactionsGet({ access_token: item.accessToken, ...ALL_TIME });
    expect(defaults.transactions).toHaveLength(100);

    const window = { start_date: dateFromNow(-10), end_date: dateFromNow(-5) };
    const { data: windowed } = await t.client.transactionsGet({ access_token: item.accessToken, ...window, options: { count: 500 } });
    expect(windowed.total_transactions).toBeGreaterThan(0);
    expect(windowed.transactions.every((transaction) => transaction.date >= window.start_date && transaction.date <= window.end_date)).toBe(
      true,
    );

    const card = first.accounts.find((account) => account.mask === '3333')!.account_id;
    const { data: onCard } = await t.client.transactionsGet({
      access_token: item.accessToken,
      ...ALL_TIME,
      options: { count: 500, account_ids: [card] },
    });
    expect(onCard.accounts.map((account) => account.account_id)).toEqual([card]);
    expect(onCard.total_transactions).toBeLessThan(270);
    expect(onCard.transactions.every((transaction) => transaction.account_id === card)).toBe(true);

    const tooMany = await plaidErrorOf(t.client.transactionsGet({ access_token: item.accessToken, ...ALL_TIME, options: { count: 501 } }));
    expect(tooMany.error_code).toBe('INVALID_FIELD');
    const backwards = await plaidErrorOf(
      t.client.transactionsGet({ access_token: item.accessToken, start_date: dateFromNow(-1), end_date: dateFromNow(-2) }),
    );
    expect(backwards.error_code).toBe('INVALID_FIELD');
  });

  it('/transactions/get: link -> get -> refresh -> webhook -> get, as apps written before /transactions/sync work', async () => {
    const receiver = await receiverForThisTest();
    const item = await linkSandboxItem(t.client, { ...DYNAMIC, webhook: receiver.url });
    const [initial] = await receiver.waitFor(1, byCode('INITIAL_UPDATE'));
    const [historical] = await receiver.waitFor(1, byCode('HISTORICAL_UPDATE'));
    expect(historical.body.new_transactions).toBe(270);
    expect(initial.body.item_id).toBe(item.itemId);

    const before = await allTransactions(t.client, item.accessToken);
    expect(before.total).toBe(270);
    const pending = before.transactions.filter((transaction) => transaction.pending);
    expect(pending.length).toBeGreaterThan(0);

    receiver.clear();
    await t.client.transactionsRefresh({ access_token: item.accessToken });
    const [update] = await receiver.waitFor(1, byCode('DEFAULT_UPDATE'));
    const [removed] = await receiver.waitFor(1, byCode('TRANSACTIONS_REMOVED'));
    expect(new Set(removed.body.removed_transactions as string[])).toEqual(
      new Set(pending.map((transaction) => transaction.transaction_id)),
    );

    const after = await allTransactions(t.client, item.accessToken);
    expect(after.total).toBe(before.total - pending.length + (update.body.new_transactions as number));
    const ids = new Set(after.transactions.map((transaction) => transaction.transaction_id));
    for (const was of pending) {
      expect(ids.has(was.transaction_id)).toBe(false);
      const posted = after.transactions.find((transaction) => transaction.pending_transaction_id === was.transaction_id);
      expect(posted).toMatchObject({ pending: false, amount: was.amount, account_id: was.account_id, name: was.name });
    }
    const { data: status } = await t.client.itemGet({ access_token: item.accessToken });
    expect(status.status?.last_webhook?.code_sent).toBe('TRANSACTIONS_REMOVED');
  });

  it('/transactions/get and /transactions/recurring/get: PRODUCT_NOT_READY until the initial pull is done, as Plaid answers right after Link', async () => {
    const slow = await startTestEmulator({ initialPullDelayMs: 300 });
    const receiver = await receiverForThisTest();
    const item = await linkSandboxItem(slow.client, { webhook: receiver.url });
    const early = await plaidErrorOf(slow.client.transactionsGet({ access_token: item.accessToken, ...ALL_TIME }));
    expect(early).toMatchObject({ httpStatus: 400, error_type: 'ITEM_ERROR', error_code: 'PRODUCT_NOT_READY' });
    const earlyStreams = await plaidErrorOf(slow.client.transactionsRecurringGet({ access_token: item.accessToken }));
    expect(earlyStreams).toMatchObject({ httpStatus: 400, error_type: 'ITEM_ERROR', error_code: 'PRODUCT_NOT_READY' });
    const { data: sync } = await slow.client.transactionsSync({ access_token: item.accessToken });
    expect(sync).toMatchObject({ transactions_update_status: 'NOT_READY', added: [], has_more: false });
    expect(receiver.received).toEqual([]);

    await receiver.waitFor(1, byCode('HISTORICAL_UPDATE'));
    const { data } = await slow.client.transactionsGet({ access_token: item.accessToken, ...ALL_TIME });
    expect(data.total_transactions).toBe(270);
    await slow.emulator.close();
  });
});

describe('/transactions/recurring/get', () => {
  it('/transactions/recurring/get: a salary, rent, subscriptions and a weekly habit among the noise', async () => {
    const item = await linkSandboxItem(t.client, { ...DYNAMIC });
    const { data } = await t.client.transactionsRecurringGet({ access_token: item.accessToken });
    expect(data.inflow_streams.map((stream) => [stream.merchant_name, stream.frequency])).toEqual([['Initech', 'BIWEEKLY']]);
    expect(data.outflow_streams.map((stream) => [stream.merchant_name, stream.frequency]).sort()).toEqual(
      [
        ['Audible', 'MONTHLY'],
        ['Ferry Plaza Farmers Market', 'WEEKLY'],
        ['Hulu', 'MONTHLY'],
        ['Parkview Apartments', 'MONTHLY'],
        ['Planet Fitness', 'MONTHLY'],
      ].sort(),
    );
    const salary = data.inflow_streams[0];
    expect(salary).toMatchObject({ status: 'MATURE', is_active: true, average_amount: { amount: -2875, iso_currency_code: 'USD' } });
    const { transactions } = await allTransactions(t.client, item.accessToken);
    const paid = transactions
      .filter((transaction) => transaction.merchant_name === 'Initech')
      .map((transaction) => transaction.transaction_id);
    expect([...salary.transaction_ids].sort()).toEqual(paid.sort());
    expect(salary.last_date).toBe(transactions.find((transaction) => transaction.merchant_name === 'Initech')!.date);
    expect(salary.predicted_next_date! > salary.last_date).toBe(true);

    const checking = data.inflow_streams[0].account_id;
    const { data: narrowed } = await t.client.transactionsRecurringGet({ access_token: item.accessToken, account_ids: [checking] });
    expect([...narrowed.inflow_streams, ...narrowed.outflow_streams].every((stream) => stream.account_id === checking)).toBe(true);
    expect(narrowed.outflow_streams.map((stream) => stream.merchant_name)).toEqual(['Parkview Apartments']);
  });

  it('/transactions/recurring/get: a refresh that extends a stream fires RECURRING_TRANSACTIONS_UPDATE', async () => {
    // Its own emulator: the test moves the clock two weeks ahead.
    const later = await startTestEmulator();
    const receiver = await receiverForThisTest();
    const item = await linkSandboxItem(later.client, { ...DYNAMIC, webhook: receiver.url });
    const { data: before } = await later.client.transactionsRecurringGet({ access_token: item.accessToken });
    await receiver.waitFor(2);
    receiver.clear();

    // Fifteen days hold a payday and two Saturdays, at least one of them posted by now.
    await later.emulator.control.advanceClock(15 * DAY_MS);
    await later.client.transactionsRefresh({ access_token: item.accessToken });
    const [update] = await receiver.waitFor(1, byCode('RECURRING_TRANSACTIONS_UPDATE'));
    const { data: after } = await later.client.transactionsRecurringGet({ access_token: item.accessToken });
    const salaryBefore = before.inflow_streams[0];
    const salaryAfter = after.inflow_streams[0];
    expect(salaryAfter.stream_id).toBe(salaryBefore.stream_id);
    expect(salaryAfter.transaction_ids.length).toBe(salaryBefore.transaction_ids.length + 1);
    expect(salaryAfter.last_date > salaryBefore.last_date).toBe(true);
    expect(update.body.account_ids).toEqual(expect.arrayContaining([salaryAfter.account_id]));
    await later.emulator.close();
  });
});

describe('institutions and categories', () => {
  it('/institutions/get: count, offset and total; countries and products; optional metadata only when asked', async () => {
    const { data: page } = await t.client.institutionsGet({ count: 2, offset: 0, country_codes: US });
    expect(page.institutions).toHaveLength(2);
    expect(page.total).toBe(6);
    expect(page.institutions[0]).not.toHaveProperty('logo');
    expect(page.institutions[0]).not.toHaveProperty('url');
    const { data: rest } = await t.client.institutionsGet({ count: 500, offset: 2, country_codes: US });
    expect(rest.institutions).toHaveLength(4);
    const { data: uk } = await t.client.institutionsGet({
      count: 10,
      offset: 0,
      country_codes: [CountryCode.Gb],
      options: { products: [Products.PaymentInitiation], include_optional_metadata: true },
    });
    expect(uk.institutions.map((institution) => institution.institution_id).sort()).toEqual(['ins_116834', 'ins_117650']);
    expect(uk.institutions[0]).toMatchObject({ logo: null, url: expect.any(String), primary_color: expect.stringMatching(/^#/) });
    const { data: none } = await t.client.institutionsGet({
      count: 10,
      offset: 0,
      country_codes: US,
      options: { products: [Products.PaymentInitiation] },
    });
    expect(none).toMatchObject({ institutions: [], total: 0 });
  });

  it('/institutions/search: a case-insensitive query, filtered by products', async () => {
    const { data } = await t.client.institutionsSearch({ query: 'platypus', country_codes: US });
    expect(data.institutions.map((institution) => institution.name)).toEqual(['First Platypus Bank', 'Platypus OAuth Bank']);
    const { data: withMetadata } = await t.client.institutionsSearch({
      query: 'TARTAN',
      country_codes: [CountryCode.Us, CountryCode.Ca],
      products: [Products.Transactions],
      options: { include_optional_metadata: true },
    });
    expect(withMetadata.institutions.map((institution) => institution.institution_id)).toEqual(['ins_109511', 'ins_43']);
    expect(withMetadata.institutions[0].url).toBe('https://www.tartanbank.com');
    const { data: unsupported } = await t.client.institutionsSearch({
      query: 'platypus',
      country_codes: US,
      products: [Products.PaymentInitiation],
    });
    expect(unsupported.institutions).toEqual([]);
  });

  it("/categories/get: Plaid's legacy hierarchy, with ids and groups", async () => {
    const { data } = await t.client.categoriesGet({});
    const byId = new Map(data.categories.map((category) => [category.category_id, category]));
    expect(byId.get('13005043')).toEqual({
      category_id: '13005043',
      group: 'place',
      hierarchy: ['Food and Drink', 'Restaurants', 'Coffee Shop'],
    });
    expect(byId.get('16002000')).toEqual({ category_id: '16002000', group: 'special', hierarchy: ['Payment', 'Rent'] });
    for (const category of data.categories) {
      expect(category.category_id).toMatch(/^\d{8}$/);
      expect(['place', 'digital', 'special']).toContain(category.group);
      // Every branch hangs from a top level that is listed too.
      expect(byId.get(`${category.category_id.slice(0, 2)}000000`)?.hierarchy).toEqual([category.hierarchy[0]]);
    }
  });
});

describe('Link tokens, Items and processors', () => {
  it('/link/token/get: the metadata of the create request, created_at and expiration; unknown tokens are INVALID_LINK_TOKEN', async () => {
    const { data: created } = await t.client.linkTokenCreate({
      client_name: 'Budget App',
      language: 'fr',
      country_codes: [CountryCode.Us, CountryCode.Ca],
      user: { client_user_id: 'user-7' },
      products: [Products.Transactions, Products.Auth],
      webhook: 'https://app.example.com/plaid',
      redirect_uri: 'https://app.example.com/oauth',
      account_filters: { depository: { account_subtypes: [DepositoryAccountSubtype.Checking] } },
    });
    const { data } = await t.client.linkTokenGet({ link_token: created.link_token });
    expect(data).toMatchObject({ link_token: created.link_token, expiration: created.expiration, created_at: expect.any(String) });
    expect(Date.parse(data.expiration!) - Date.parse(data.created_at!)).toBe(4 * 3600_000);
    expect(data.metadata).toEqual({
      initial_products: ['transactions', 'auth'],
      webhook: 'https://app.example.com/plaid',
      country_codes: ['US', 'CA'],
      language: 'fr',
      redirect_uri: 'https://app.example.com/oauth',
      client_name: 'Budget App',
      account_filters: { depository: { account_subtypes: ['checking'] } },
    });
    const unknown = await plaidErrorOf(t.client.linkTokenGet({ link_token: 'link-sandbox-00000000-0000-0000-0000-000000000000' }));
    expect(unknown).toMatchObject({ httpStatus: 400, error_code: 'INVALID_LINK_TOKEN' });
  });

  it('/item/access_token/invalidate: a new token serves the Item, the old one is INVALID_ACCESS_TOKEN from then on', async () => {
    const item = await linkSandboxItem(t.client);
    const { data } = await t.client.itemAccessTokenInvalidate({ access_token: item.accessToken });
    expect(data.new_access_token).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    expect(data.new_access_token).not.toBe(item.accessToken);
    const { data: got } = await t.client.itemGet({ access_token: data.new_access_token });
    expect(got.item.item_id).toBe(item.itemId);
    const old = await plaidErrorOf(t.client.itemGet({ access_token: item.accessToken }));
    expect(old).toMatchObject({ httpStatus: 400, error_code: 'INVALID_ACCESS_TOKEN' });
  });

  it('/item/import: an Item from the user_auth the app holds, with its products and webhook', async () => {
    const receiver = await receiverForThisTest();
    const { data } = await t.client.itemImport({
      products: [Products.Transactions, Products.Identity],
      user_auth: { user_id: 'user_good', auth_token: 'pass_good' },
      options: { webhook: receiver.url },
    });
    expect(data.access_token).toMatch(/^access-sandbox-/);
    const { data: got } = await t.client.itemGet({ access_token: data.access_token });
    expect(got.item).toMatchObject({ institution_id: 'ins_109508', products: ['transactions', 'identity'], webhook: receiver.url });
    await receiver.waitFor(1, byCode('HISTORICAL_UPDATE'));
    const refused = await plaidErrorOf(
      t.client.itemImport({ products: [Products.Transactions], user_auth: { user_id: 'stranger', auth_token: 'x' } }),
    );
    expect(refused.error_code).toBe('INVALID_CREDENTIALS');
  });

  it('/item/get: status has the last successful and failed transactions updates, and last_webhook null until one is sent', async () => {
    const silent = await linkSandboxItem(t.client);
    const { data: quiet } = await t.client.itemGet({ access_token: silent.accessToken });
    expect(quiet.status).toMatchObject({
      last_webhook: null,
      transactions: { last_successful_update: expect.any(String), last_failed_update: null },
    });

    const receiver = await receiverForThisTest();
    const item = await linkSandboxItem(t.client, { ...DYNAMIC, webhook: receiver.url });
    await receiver.waitFor(2);
    await t.client.sandboxItemResetLogin({ access_token: item.accessToken });
    await plaidErrorOf(t.client.transactionsRefresh({ access_token: item.accessToken }));
    const { data } = await t.client.itemGet({ access_token: item.accessToken });
    expect(data.status?.last_webhook).toEqual({ sent_at: expect.any(String), code_sent: 'ERROR' });
    expect(Date.parse(data.status!.transactions!.last_failed_update!)).toBeGreaterThanOrEqual(
      Date.parse(data.status!.transactions!.last_successful_update!),
    );
  });

  it('/processor/token/create: a processor-sandbox token for an account of the Item, for the processors Plaid lists', async () => {
    const item = await linkSandboxItem(t.client, { products: [Products.Auth] });
    const { data: accounts } = await t.client.accountsGet({ access_token: item.accessToken });
    const checking = accounts.accounts.find((account) => account.mask === '0000')!.account_id;
    const { data } = await t.client.processorTokenCreate({
      access_token: item.accessToken,
      account_id: checking,
      processor: Processor.Dwolla,
    });
    expect(data.processor_token).toMatch(/^processor-sandbox-[0-9a-f-]{36}$/);
    const other = await linkSandboxItem(t.client, { products: [Products.Auth] });
    // Stripe takes bank accounts through /processor/stripe/bank_account_token/create, not this enum.
    const unlisted = {
      access_token: other.accessToken,
      account_id: checking,
      processor: 'stripe',
    } as unknown as ProcessorTokenCreateRequest;
    const refused = await plaidErrorOf(t.client.processorTokenCreate(unlisted));
    expect(refused.error_code).toBe('INVALID_FIELD');
    const wrongAccount = await plaidErrorOf(
      t.client.processorTokenCreate({ access_token: other.accessToken, account_id: checking, processor: Processor.ModernTreasury }),
    );
    expect(wrongAccount.error_code).toBe('INVALID_ACCOUNT_ID');
  });
});
