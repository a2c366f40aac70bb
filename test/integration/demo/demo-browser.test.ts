import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { daysAgo } from '../../support/dates';
import { accessTokenOf, callPlaid, eventually, settled } from '../../support/linking';
import { catchUp, type CopiedTransaction } from '../../support/offline-copy';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const OUTPUT_DIR = path.resolve(__dirname, '../../../test-output');
const STEP_TIMEOUT_MS = 30_000;
const PHONE = { width: 390, height: 844 };
/** The Live list's length (examples/web/src/live-history.ts). */
const MAX_LIVE_LINES = 20;

/** The app's words for an Item that needs a new login, and the developer text Plaid sends beside them. */
const LOGIN_REQUIRED_MESSAGE = 'Your bank needs you to sign in again. Use Reconnect; until then nothing new arrives from this bank.';
const PLAID_DEVELOPER_WORDING = /update mode|good state/i;

/** How wide the page is laid out: wider than the window means a sideways scroll (the tests' TypeScript has no DOM types, hence a string). */
const pageWidth = (on: Page) => on.evaluate<number>('document.scrollingElement.scrollWidth');

/** "$1,234.56" or "-$12.34", as the table shows an amount, as a number (for comparisons of order only). */
function shownMoney(text: string): number {
  return Number(shownDecimal(text));
}

/** "$1,234.50" or "-$12.34" as the exact decimal it shows, in one spelling ("1234.5", "-12.34"). */
function shownDecimal(text: string): string {
  return sameDecimal(text.replace(/[^\d.-]/g, ''));
}

/** One spelling per decimal value, without a float: no trailing fraction zeros, no "-0". */
function sameDecimal(text: string): string {
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** The first and last day of this month by the local clock (the browser's, on this machine), as the spending view defaults to. */
function thisMonth(): { from: string; to: string } {
  const now = new Date();
  const local = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return { from: local(new Date(now.getFullYear(), now.getMonth(), 1)), to: local(new Date(now.getFullYear(), now.getMonth() + 1, 0)) };
}

/** The transactions the recurring view lists under a stream (the app's RecurringStreams operation). */
const STREAM_TRANSACTIONS_SHOWN = 6;

/** One attribute of every element a locator matches, in order, read at one moment (the list may re-render between two reads). */
function attributes(locator: Locator, name: string): Promise<Array<string | null>> {
  return locator.evaluateAll(
    (elements: Array<{ getAttribute(attribute: string): string | null }>, attribute: string) =>
      elements.map((element) => element.getAttribute(attribute)),
    name,
  );
}

/** What a test reads of Plaid's /transactions/recurring/get streams. */
interface PlaidStream {
  description: string;
  merchant_name: string | null;
}

/** A row of the spending summary as the database computes it, in numeric, as text. */
interface SpendingRow {
  key: string | null;
  currency: string;
  outflow: string;
  inflow: string;
  count: number;
}

/**
 * The reference web app (examples/web) as a person uses it: every step goes through the page,
 * the emulator's hosted Link page in its popup and the public GraphQL API; only the
 * screenshots, and the checks of what the gateway stored, look from outside.
 */
describe('the reference web app at /demo/, in headless Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let userId: string;
  let token: string;
  let demoUrl: string;
  /** The Item the sandbox panel links as user_transactions_dynamic. */
  let dynamicItemId: string;
  const browserErrors: string[] = [];
  const foreignRequests: string[] = [];

  const screenshot = (name: string, on: Page = page) => on.screenshot({ path: path.join(OUTPUT_DIR, name), fullPage: true });
  const item = () => page.getByTestId('item').first();
  const itemStatus = () => item().getByTestId('item-status');
  const section = (heading: string, on: Page = page) =>
    on.locator('section', { has: on.getByRole('heading', { name: heading, exact: true }) });
  const liveLines = () => page.getByTestId('events').locator('li');
  /** Plaid's sandbox adds a transaction dated today to the dynamic Item, and the gateway syncs it; answers the sync's data. */
  const addTransactionToday = async (amount: number, description: string) => {
    const today = daysAgo(0);
    const created = await gw.graphql(
      'mutation($itemId: ID!, $transactions: [SandboxTransactionInput!]!) { sandboxCreateTransactions(itemId: $itemId, transactions: $transactions) }',
      { token, variables: { itemId: dynamicItemId, transactions: [{ amount, description, datePosted: today, dateTransacted: today }] } },
    );
    expect(created.errors).toBeUndefined();
    return (
      await gw.graphql('mutation($itemId: ID!) { syncItem(itemId: $itemId) { added } }', { token, variables: { itemId: dynamicItemId } })
    ).data;
  };
  const amounts = async () => (await page.getByTestId('transaction-amount').allTextContents()).map(shownMoney);
  const transactionsTotal = async () => Number(/of (\d+)/.exec((await page.getByTestId('transactions-count').textContent()) ?? '')?.[1]);

  /** The user's last event position in the gateway's stream (what a `cursor` carries). */
  async function lastSequence(): Promise<number> {
    const [row]: Array<{ last: string | null }> = await gw.gateway.dataSource.query(
      'SELECT max(sequence) AS last FROM stream_events WHERE user_id = $1',
      [userId],
    );
    return Number(row?.last ?? 0);
  }

  /** How many events the user's stream holds. */
  async function storedEvents(): Promise<number> {
    const [row]: Array<{ count: string }> = await gw.gateway.dataSource.query(
      'SELECT count(*) AS count FROM stream_events WHERE user_id = $1',
      [userId],
    );
    return Number(row.count);
  }

  /** The user's transactionsSynced events after `sequence`, as stored. */
  async function syncEventsAfter(sequence: number): Promise<Array<{ added: number; modified: number; removed: number }>> {
    return gw.gateway.dataSource.query(
      `SELECT (payload->>'added')::int AS added, (payload->>'modified')::int AS modified, (payload->>'removed')::int AS removed
         FROM stream_events WHERE user_id = $1 AND topic = 'TRANSACTIONS_SYNCED' AND sequence > $2 ORDER BY sequence`,
      [userId, sequence],
    );
  }

  /** The emulator's Link page, opened by `click`: pick the first institution, sign in as user_good. */
  async function throughLink(click: () => Promise<void>): Promise<Page> {
    const popupOpened = page.waitForEvent('popup');
    await click();
    const popup = await popupOpened;
    await popup.locator('#password').waitFor();
    await popup.locator('#username').fill('user_good');
    await popup.locator('#password').fill('pass_good');
    // The app closes the popup as soon as it has posted its result: listen before that can happen.
    const closed = popup.waitForEvent('close', { timeout: STEP_TIMEOUT_MS });
    await popup.getByRole('button', { name: 'Continue' }).click();
    await closed;
    return popup;
  }

  /** Every row of the list satisfies `check`, and there is at least one. */
  async function onlyRows(what: string, check: (amount: number) => boolean): Promise<number[]> {
    return eventually(
      async () => {
        const shown = await amounts();
        return shown.length > 0 && shown.every(check) ? shown : undefined;
      },
      STEP_TIMEOUT_MS,
      what,
    );
  }

  /** The element lies inside the page's width: nothing of it needs a sideways scroll to be seen. */
  async function withinWidth(locator: Locator, width: number): Promise<void> {
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }

  function watch(target: Page) {
    target.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    target.on('pageerror', (error) => browserErrors.push(error.message));
  }

  function watchRequests(target: BrowserContext) {
    target.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== gw.url && origin !== gw.gateway.plaidBaseUrl) foreignRequests.push(request.url());
    });
  }

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    // The test is a whole session in a minute or two, far faster than a person clicks: every
    // step reloads views and calls Plaid (10 points each), which together pass the default 300
    // points a minute. The rate limit has tests of its own; here it would only make steps flaky.
    gw = await startTestGateway({ RATE_LIMIT_OPERATIONS: '1000' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    watchRequests(context);
    page = await context.newPage();
    watch(page);
    userId = newUserId('web');
    token = await gw.tokenFor(userId);
    demoUrl = `${gw.url}/demo/#token=${token}`;
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('opens with no bank yet, for the user of the token in its address', async () => {
    await page.goto(demoUrl);
    await page.getByText('No bank yet').waitFor();
    await screenshot('demo-1-empty.png');
  });

  it('connects a bank through the hosted Link page, then shows its accounts, balances and transactions', async () => {
    const popup = await throughLink(() => page.getByRole('button', { name: 'Connect a bank' }).click());
    expect(new URL(popup.url()).origin).toBe(gw.gateway.plaidBaseUrl);
    await expect(itemStatus().textContent({ timeout: STEP_TIMEOUT_MS })).resolves.toBe('ACTIVE');
    await item().getByTestId('account').first().waitFor();
    expect(await item().getByTestId('account').count()).toBeGreaterThan(1);
    // The first sync lands after the link; its transactionsSynced event reloads the list.
    await page.getByTestId('transaction').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page
      .getByTestId('events')
      .getByText(/sync added [1-9]/)
      .first()
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await page.getByTestId('transaction').count()).toBeGreaterThan(0);
    await screenshot('demo-2-connected.png');
  });

  it("approves the untouched transfer form: a checking account, and the profile's legal name in the field", async () => {
    const form = section('Transfer check');
    const account = form.getByLabel('From account');
    // Not the CD (first by name), which can send no ACH transfer.
    expect(await account.locator('option:checked').textContent()).toMatch(/Plaid Checking/);
    // A new user's profile has no legal name: the field holds the sandbox owner's, as a value, not a placeholder.
    const legalName = form.getByLabel(/Your legal name/);
    await expect(legalName.inputValue()).resolves.toBe('Alberta Bobbeth Charleson');
    expect(await form.getByTestId('legal-name-source').textContent()).toMatch(/no legal name yet/);
    await form.getByRole('button', { name: 'Check transfer' }).click();
    await page.getByTestId('transfer-decision').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await page.getByTestId('transfer-decision').textContent()).toMatch(/^Approved for \$25\.00/);
    // Saved to the profile, which the field now shows as its own.
    await form.getByText('As saved in your profile.').waitFor({ timeout: STEP_TIMEOUT_MS });
    const profile = await gw.graphql<{ me: { profile: { legalName: string | null } | null } }>('{ me { profile { legalName } } }', {
      token,
    });
    expect(profile.data?.me.profile?.legalName).toBe('Alberta Bobbeth Charleson');
  });

  it('filters amounts in the sign the table shows: a payment in stays with Min=100', async () => {
    await expect(page.getByTestId('amount-sign').textContent()).resolves.toMatch(/Money in is positive, money out negative/);
    // An incoming payment of at least 100 (Plaid's sign: -100 or less), which the table shows as positive.
    const incoming = await gw.graphql<{
      transactions: {
        totalCount: number;
        edges: Array<{ node: { name: string; merchantName: string | null; money: { amount: string; currencyCode: string } } }>;
      };
    }>(
      '{ transactions(first: 1, filter: { maxExactAmount: "-100" }) { totalCount edges { node { name merchantName money { amount currencyCode } } } } }',
      {
        token,
      },
    );
    const witness = incoming.data!.transactions.edges[0].node;
    expect(witness.money.amount).toMatch(/^-[1-9]\d{2,}/);
    const shownWitness = sameDecimal(witness.money.amount.slice(1));

    const filters = page.locator('form.filters');
    await filters.getByLabel('Min').fill('100');
    const atLeast100 = await onlyRows('only amounts of 100 or more', (amount) => amount >= 100);
    expect(atLeast100).toContain(Number(shownWitness));
    expect(await transactionsTotal()).toBe(incoming.data!.transactions.totalCount);
    // The exact amount, as the gateway sent it: the row shows the Decimal, never a float's rounding of it.
    const witnessAmounts = await page
      .getByTestId('transaction')
      .filter({ hasText: witness.merchantName ?? witness.name })
      .getByTestId('transaction-amount')
      .allTextContents();
    expect(witnessAmounts.map(shownDecimal)).toContain(shownWitness);

    await filters.getByLabel('Min').fill('');
    await filters.getByLabel('Max').fill('-100');
    await onlyRows('only amounts of -100 or less', (amount) => amount <= -100);
    await filters.getByLabel('Max').fill('');
    await eventually(
      async () => ((await transactionsTotal()) > incoming.data!.transactions.totalCount ? true : undefined),
      STEP_TIMEOUT_MS,
    );
  });

  it('pages transactions by scrolling and narrows them with a filter', async () => {
    expect(await transactionsTotal()).toBeGreaterThan(25);
    await page.locator('.sentinel').scrollIntoViewIfNeeded();
    await eventually(
      async () => ((await page.getByTestId('transaction').count()) > 25 ? true : undefined),
      STEP_TIMEOUT_MS,
      'a second page',
    );
    await page.getByLabel('State').selectOption('true');
    await eventually(
      async () => {
        const rows = await page.getByTestId('transaction').allTextContents();
        return rows.length > 0 && rows.every((row) => row.includes('pending')) ? true : undefined;
      },
      STEP_TIMEOUT_MS,
      'only pending transactions',
    );
    await page.getByLabel('State').selectOption('');
  });

  it('offers "Add transaction" only for an Item that takes it, and links one that does', async () => {
    const sandbox = section('Sandbox');
    // The bank linked as user_good: Plaid's sandbox would refuse new transactions (BAD_USER_INPUT), so none are offered.
    expect(await sandbox.getByRole('button', { name: 'Add transaction' }).count()).toBe(0);
    await expect(sandbox.getByTestId('sandbox-dynamic-hint').textContent()).resolves.toMatch(/user_transactions_dynamic/);

    await sandbox.getByRole('button', { name: 'Link a test bank for new transactions' }).click();
    await sandbox.getByRole('button', { name: 'Add transaction' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const linked = page.getByTestId('item').filter({ hasText: 'First Gingham Credit Union' });
    await linked.waitFor({ timeout: STEP_TIMEOUT_MS });
    dynamicItemId = (await linked.getAttribute('data-item-id'))!;
    expect(await sandbox.getByLabel('Bank').inputValue()).toBe(dynamicItemId);
    expect(await sandbox.getByTestId('sandbox-note').textContent()).toMatch(/: done$/);
  });

  it('adds a transaction with its prefilled values, and shows it with one live event', async () => {
    const sandbox = section('Sandbox');
    // Whatever the link itself brings (its first syncs and their webhooks) is over before counting.
    await settled(gw, [dynamicItemId]);
    const before = await lastSequence();
    // The page has followed the user's stream from its first event, so it shows each one (fewer than MAX_LIVE_LINES here).
    const shownBefore = await storedEvents();
    expect(shownBefore).toBeLessThan(MAX_LIVE_LINES);
    await eventually(async () => ((await liveLines().count()) === shownBefore ? true : undefined), STEP_TIMEOUT_MS, 'every event so far');

    await sandbox.getByRole('button', { name: 'Add transaction' }).click();
    await sandbox.getByText('Add a transaction and sync: done').waitFor({ timeout: STEP_TIMEOUT_MS });
    // The emulator also sends SYNC_UPDATES_AVAILABLE and DEFAULT_UPDATE; their syncs find nothing new.
    await settled(gw, [dynamicItemId]);
    expect(await syncEventsAfter(before)).toEqual([{ added: 1, modified: 0, removed: 0 }]);
    await page
      .getByTestId('events')
      .getByText('First Gingham Credit Union: sync added 1, modified 0, removed 0')
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await eventually(async () => ((await liveLines().count()) === shownBefore + 1 ? true : undefined), STEP_TIMEOUT_MS, 'one more line');
    expect(await page.getByTestId('events').getByText('added 0, modified 0, removed 0').count()).toBe(0);
    // Typed as money out (-12.34), stored in Plaid's sign (12.34), shown as typed.
    const row = page.getByTestId('transaction').filter({ hasText: 'Corner coffee' });
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await row.getByTestId('transaction-amount').textContent()).toBe('-$12.34');
  });

  it('tags, notes, hides and recategorises a transaction in its editor; the gateway stores it and an offline copy learns it', async () => {
    const copy = new Map<string, CopiedTransaction>();
    const { cursor } = await catchUp(gw, token, copy, null);
    const filters = page.locator('form.filters');
    await filters.getByLabel('Search').fill('Corner coffee');
    await eventually(async () => ((await page.getByTestId('transaction').count()) === 1 ? true : undefined), STEP_TIMEOUT_MS, 'one row');
    const row = page.getByTestId('transaction').filter({ hasText: 'Corner coffee' });
    const transactionId = (await row.getAttribute('data-transaction-id'))!;

    await row.getByRole('button', { name: 'Edit your notes on Corner coffee', exact: true }).click();
    const editor = page.getByRole('form', { name: 'Your notes on Corner coffee' });
    await editor.getByLabel('Category', { exact: true }).fill('ENTERTAINMENT');
    await editor.getByLabel('Tags (comma-separated)', { exact: true }).fill('coffee, with-sam, coffee');
    await editor.getByLabel('Note', { exact: true }).fill('Paid for Sam too: he pays next time.');
    await editor.getByLabel(/^Hide from spending/).check();
    await section('Transactions').screenshot({ path: path.join(OUTPUT_DIR, 'demo-8-annotation-editor.png') });
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });

    // The row shows the annotation as the mutation answered it.
    expect(await row.getByTestId('transaction-tag').allTextContents()).toEqual(['#coffee', '#with-sam']);
    expect(await row.getByTestId('transaction-note').textContent()).toBe('Paid for Sam too: he pays next time.');
    expect(await row.getByTestId('transaction-category').textContent()).toBe('entertainment (yours)');
    expect(await row.getByText('hidden', { exact: true }).count()).toBe(1);
    // What the gateway stored, beside Plaid's row, which is unchanged.
    const stored: Array<{
      transactionId: string;
      categoryOverride: string;
      note: string;
      tags: string[];
      hidden: boolean;
      plaidCategory: string | null;
    }> = await gw.gateway.dataSource.query(
      `SELECT a.transaction_id AS "transactionId", a.category_override AS "categoryOverride", a.note, a.tags, a.hidden, t.category AS "plaidCategory"
           FROM transaction_annotations a JOIN transactions t ON t.id = a.transaction_id WHERE a.user_id = $1`,
      [userId],
    );
    expect(stored).toEqual([
      {
        transactionId,
        categoryOverride: 'ENTERTAINMENT',
        note: 'Paid for Sam too: he pays next time.',
        tags: ['coffee', 'with-sam'],
        hidden: true,
        plaidCategory: expect.not.stringMatching(/^ENTERTAINMENT$/),
      },
    ]);
    // An offline copy (docs/mobile.md) learns it from transactionChanges, as a modification.
    const { pages } = await catchUp(gw, token, copy, cursor);
    expect(pages.flatMap((changes) => changes.modified.map((transaction) => transaction.id))).toContain(transactionId);
    expect(copy.get(transactionId)).toMatchObject({
      effectiveCategory: 'ENTERTAINMENT',
      annotation: { categoryOverride: 'ENTERTAINMENT', tags: ['coffee', 'with-sam'], hidden: true },
    });

    // The list's own filters find it by tag and by being hidden.
    await filters.getByLabel('Search').fill('');
    await filters.getByLabel('Tag', { exact: true }).fill('with-sam');
    await filters.getByLabel(/^Hidden/).selectOption('true');
    await eventually(
      async () => {
        const ids = await attributes(page.getByTestId('transaction'), 'data-transaction-id');
        return ids.length === 1 && ids[0] === transactionId ? true : undefined;
      },
      STEP_TIMEOUT_MS,
      'only the tagged, hidden transaction',
    );

    // Shown again, in a second edit: a partial update that keeps the tags, note and category.
    await row.getByRole('button', { name: 'Edit your notes on Corner coffee', exact: true }).click();
    await expect(editor.getByLabel('Tags (comma-separated)', { exact: true }).inputValue()).resolves.toBe('coffee, with-sam');
    await editor.getByLabel(/^Hide from spending/).uncheck();
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    const [after]: Array<{ categoryOverride: string; tags: string[]; hidden: boolean }> = await gw.gateway.dataSource.query(
      'SELECT category_override AS "categoryOverride", tags, hidden FROM transaction_annotations WHERE transaction_id = $1',
      [transactionId],
    );
    expect(after).toEqual({ categoryOverride: 'ENTERTAINMENT', tags: ['coffee', 'with-sam'], hidden: false });
    await filters.getByLabel('Tag', { exact: true }).fill('');
    await filters.getByLabel(/^Hidden/).selectOption('');
  });

  it("shows this month's spending by category, each sum exactly the database's numeric sum", async () => {
    const spending = section('Spending');
    const { from, to } = thisMonth();
    await expect(spending.getByLabel('From').inputValue()).resolves.toBe(from);
    await expect(spending.getByLabel('To').inputValue()).resolves.toBe(to);
    const sums = (grouped: string) =>
      gw.gateway.dataSource.query<SpendingRow[]>(
        `SELECT ${grouped} AS key, coalesce(t.iso_currency_code, t.unofficial_currency_code) AS currency,
                coalesce(sum(t.amount) FILTER (WHERE t.amount > 0), 0)::text AS outflow,
                coalesce(-sum(t.amount) FILTER (WHERE t.amount < 0), 0)::text AS inflow, count(*)::int AS count
           FROM transactions t LEFT JOIN transaction_annotations a ON a.transaction_id = t.id
          WHERE t.user_id = $1 AND t.date BETWEEN $2::date AND $3::date AND NOT coalesce(a.hidden, false)
          GROUP BY 1, 2`,
        [userId, from, to],
      );
    /** The page's row, read as the database's would be. */
    const shownRow = async (tableRow: Locator) => {
      const cells = await tableRow.locator('td').allTextContents();
      return { outflow: shownDecimal(cells[1]), inflow: shownDecimal(cells[2]), count: Number(cells[4]) };
    };
    const expectedRow = (row: SpendingRow) => ({ outflow: sameDecimal(row.outflow), inflow: sameDecimal(row.inflow), count: row.count });

    // The effective category: the user's, else Plaid's, else the gateway's name for none.
    const groups = await sums("coalesce(a.category_override, t.category, 'UNCATEGORIZED')");
    const totals = await sums('NULL');
    // The annotated coffee, no longer hidden, counts under the user's category.
    expect(groups.find((group) => group.key === 'ENTERTAINMENT')).toBeDefined();
    expect(totals.length).toBeGreaterThan(0);
    await eventually(
      async () => {
        for (const total of totals) {
          const table = spending.locator(`table[data-currency="${total.currency}"]`);
          if ((await table.count()) === 0) return undefined;
          if (JSON.stringify(await shownRow(table.getByTestId('spending-total'))) !== JSON.stringify(expectedRow(total))) return undefined;
        }
        return true;
      },
      STEP_TIMEOUT_MS,
      "each currency's total as the database sums it",
    );
    for (const group of groups) {
      const shown = spending.locator(`table[data-currency="${group.currency}"] [data-testid="spending-group"][data-key="${group.key}"]`);
      expect({ key: group.key, ...(await shownRow(shown)) }).toEqual({ key: group.key, ...expectedRow(group) });
    }
    expect(await spending.getByTestId('spending-group').count()).toBe(groups.length);
    await spending.screenshot({ path: path.join(OUTPUT_DIR, 'demo-9-spending-by-category.png') });
  });

  it("lists the recurring streams the emulator found, with amounts, frequency, next date and the stream's transactions", async () => {
    const recurring = section('Recurring');
    const items = await gw.graphql<{ items: Array<{ id: string }> }>('{ items { id } }', { token });
    const found: string[] = [];
    for (const { id } of items.data!.items) {
      const answer = await callPlaid<{ inflow_streams: PlaidStream[]; outflow_streams: PlaidStream[] }>(gw, '/transactions/recurring/get', {
        access_token: await accessTokenOf(gw, id),
      });
      expect(answer.status).toBe(200);
      found.push(
        ...[...answer.body.inflow_streams, ...answer.body.outflow_streams].map((stream) => stream.merchant_name ?? stream.description),
      );
    }
    expect(found.length).toBeGreaterThan(0);
    const api = await gw.graphql<{ recurringStreams: Array<{ id: string; transactions: { totalCount: number } }> }>(
      '{ recurringStreams { id transactions(first: 1) { totalCount } } }',
      { token },
    );
    const streams = api.data!.recurringStreams;
    const shown = await eventually(
      async () => {
        const names = await recurring.getByTestId('stream-description').allTextContents();
        return names.length === found.length ? names : undefined;
      },
      STEP_TIMEOUT_MS,
      "the emulator's streams",
    );
    expect([...shown].sort()).toEqual([...found].sort());
    expect(await attributes(recurring.getByTestId('recurring-stream'), 'data-stream-id')).toEqual(streams.map((stream) => stream.id));
    // The biweekly salary: money in, so positive on screen, every two weeks, with its next date and its paydays.
    // Each linked sandbox bank pays its own salary: the first is enough.
    const salary = recurring.getByTestId('recurring-stream').filter({ hasText: 'Initech' }).first();
    await expect(salary.getByTestId('stream-frequency').textContent()).resolves.toBe('every two weeks');
    expect(shownDecimal((await salary.getByTestId('stream-average').textContent())!)).toBe('2875');
    await expect(salary.getByTestId('stream-next-date').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await salary.locator('summary').click();
    const salaryTransactions = salary.getByTestId('stream-transaction');
    await salaryTransactions.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const salaryId = await salary.getAttribute('data-stream-id');
    const salaryCount = streams.find((stream) => stream.id === salaryId)!.transactions.totalCount;
    expect(await salaryTransactions.count()).toBe(Math.min(STREAM_TRANSACTIONS_SHOWN, salaryCount));
    await recurring.screenshot({ path: path.join(OUTPUT_DIR, 'demo-10-recurring-streams.png') });
  });

  it('shows "Reconnect" once the sandbox resets the login, live, with words for people', async () => {
    const sandbox = section('Sandbox');
    await sandbox.getByLabel('Bank').selectOption({ label: 'First Platypus Bank' });
    await sandbox.getByRole('button', { name: 'Reset login' }).click();
    await item().getByRole('button', { name: 'Reconnect' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await itemStatus().textContent()).toBe('LOGIN_REQUIRED');
    await page
      .getByTestId('events')
      .getByText(/ACTIVE → LOGIN_REQUIRED/)
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    // Plaid gives no display_message for ITEM_LOGIN_REQUIRED: the app's own sentence, never Plaid's developer text.
    const stored = await gw.graphql<{ items: Array<{ error: { code: string; displayMessage: string | null; message: string } | null }> }>(
      '{ items { error { code displayMessage message } } }',
      { token },
    );
    const error = stored.data!.items[0].error!;
    expect(error).toMatchObject({
      code: 'ITEM_LOGIN_REQUIRED',
      displayMessage: null,
      message: expect.stringMatching(PLAID_DEVELOPER_WORDING),
    });
    expect(await item().getByTestId('item-message').textContent()).toBe(LOGIN_REQUIRED_MESSAGE);
    expect(await page.locator('body').textContent()).not.toMatch(PLAID_DEVELOPER_WORDING);
    await screenshot('demo-3-login-required.png');
  });

  it('relinks through Link in update mode and shows the Item healthy again', async () => {
    await throughLink(() => item().getByRole('button', { name: 'Reconnect' }).click());
    await itemStatus()
      .filter({ hasText: /^ACTIVE$/ })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await item().getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
    expect(await item().getByTestId('item-message').count()).toBe(0);
    await screenshot('demo-4-relinked.png');
  });

  it('runs a transfer check and shows each reason of a decline', async () => {
    const form = section('Transfer check');
    const account = form.getByLabel('From account');
    await account.selectOption({ label: (await account.locator('option', { hasText: 'Plaid Checking' }).first().textContent())! });
    await form.getByLabel('Amount').fill('25');
    await form.getByLabel(/Your legal name/).fill('Alberta Bobbeth Charleson');
    await form.getByRole('button', { name: 'Check transfer' }).click();
    await page.getByTestId('transfer-decision').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await page.getByTestId('transfer-decision').textContent()).toMatch(/^Approved for \$25\.00/);

    await form.getByLabel('Amount').fill('1000000');
    await form.getByLabel(/Your legal name/).fill('Somebody Else Entirely');
    await form.getByRole('button', { name: 'Check transfer' }).click();
    await page.getByTestId('transfer-decision').getByText('Declined').waitFor({ timeout: STEP_TIMEOUT_MS });
    const reasons = await page.getByTestId('transfer-reason').locator('code').allTextContents();
    expect(reasons).toEqual(expect.arrayContaining(['INSUFFICIENT_FUNDS', 'IDENTITY_MISMATCH']));
    await screenshot('demo-5-transfer-check.png');
  });

  it('asks for real-time balances and shows a rate limit with its retry time', async () => {
    const refresh = item().getByRole('button', { name: 'Refresh balances now' });
    await refresh.click();
    await item().getByText('real-time').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    // The emulator, like Plaid, allows a few real-time balance calls a minute per Item.
    for (let attempt = 0; attempt < 6 && (await item().getByTestId('balance-error').count()) === 0; attempt += 1) {
      await refresh.click();
      await item().getByRole('button', { name: 'Refresh balances now' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    }
    await expect(item().getByTestId('balance-error').textContent()).resolves.toMatch(/^Rate limited: retry in \d+ s$/);
    await screenshot('demo-6-rate-limited.png');
  });

  it('keeps the Live list over a reload and resumes it from the last cursor in localStorage, with `after`', async () => {
    const shown = await liveLines().allTextContents();
    expect(shown.length).toBeGreaterThan(2);
    await page.reload();
    await page
      .getByTestId('live-notice')
      .getByText(/Resumed after the last event/)
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await liveLines().allTextContents()).toEqual(shown);

    // Away from the page, a transaction arrives; back on it, the subscription asks for what came after its cursor.
    await page.goto('about:blank');
    const stored = await page.context().storageState();
    const kept = stored.origins
      .find((origin) => origin.origin === gw.url)
      ?.localStorage.find((entry) => entry.name.endsWith(`:live:${userId}`));
    const { cursors } = JSON.parse(kept!.value) as { cursors: Record<string, string> };
    expect(cursors.transactionsSynced).toEqual(expect.any(String));
    expect(await addTransactionToday(4.5, 'Bus fare while away')).toEqual({
      syncItem: { added: 1 },
    });

    const subscribedAfter: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; payload?: { variables?: { after?: string | null } } };
        if (message.type === 'subscribe' && message.payload?.variables?.after) subscribedAfter.push(message.payload.variables.after);
      }),
    );
    await page.goto(demoUrl);
    await page
      .getByTestId('events')
      .getByText('First Gingham Credit Union: sync added 1, modified 0, removed 0')
      .first()
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    const expected = Math.min(shown.length + 1, MAX_LIVE_LINES);
    await eventually(async () => ((await liveLines().count()) === expected ? true : undefined), STEP_TIMEOUT_MS, 'the missed event');
    const resumed = await liveLines().allTextContents();
    // The missed event first, then every line seen before, each once.
    expect(resumed[0]).toMatch(/First Gingham Credit Union: sync added 1, modified 0, removed 0$/);
    expect(resumed.slice(1)).toEqual(shown.slice(0, MAX_LIVE_LINES - 1));
    expect(subscribedAfter).toContain(cursors.transactionsSynced);
  });

  it('starts the Live list afresh when the gateway refuses the kept cursor', async () => {
    const key = `plaid-gateway-demo:live:${userId}`;
    await page.evaluate(
      `localStorage.setItem(${JSON.stringify(key)}, JSON.stringify({ lines: [], cursors: { itemStatusChanged: 'not-a-cursor', transactionsSynced: 'not-a-cursor' } }))`,
    );
    await page.reload();
    await page
      .getByTestId('live-notice')
      .getByText(/could not be resumed/)
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await liveLines().count()).toBe(0);
    // Subscribed again without `after`, from now: a new event still arrives. When the new
    // subscription starts on the gateway is not visible from the page, so a transaction that came
    // before it is followed by another.
    for (let attempt = 1; (await liveLines().count()) === 0; attempt += 1) {
      await addTransactionToday(3, 'Newspaper');
      const arrived = liveLines()
        .first()
        .waitFor({ timeout: attempt < 3 ? 2_000 : STEP_TIMEOUT_MS });
      await (attempt < 3 ? arrived.catch(() => undefined) : arrived);
    }
    await expect(liveLines().first().textContent()).resolves.toMatch(/First Gingham Credit Union: sync added 1, modified 0, removed 0$/);
  });

  it('fits a phone (390 px): no sideways scroll, tables as cards, the controls on screen', async () => {
    const phoneContext = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      storageState: await context.storageState(),
    });
    watchRequests(phoneContext);
    const phone = await phoneContext.newPage();
    watch(phone);
    try {
      await phone.goto(demoUrl);
      await phone.getByTestId('item').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await phone.getByTestId('transaction').first().waitFor({ timeout: STEP_TIMEOUT_MS });

      const scrollWidth = await pageWidth(phone);
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
      // Rows are cards: no column headings, and each row within the screen.
      expect(await phone.locator('table.cards thead').first().isVisible()).toBe(false);
      await withinWidth(phone.getByTestId('transaction').first(), PHONE.width);
      await withinWidth(phone.getByTestId('account').first(), PHONE.width);
      await withinWidth(phone.getByRole('button', { name: 'Connect a bank' }), PHONE.width);
      for (const status of await phone.getByTestId('item-status').all()) await withinWidth(status, PHONE.width);
      await withinWidth(phone.locator('form.filters').getByLabel('Max'), PHONE.width);
      await withinWidth(section('Transfer check', phone).getByRole('button', { name: 'Check transfer' }), PHONE.width);
      await withinWidth(section('Sandbox', phone).getByRole('button', { name: 'Reset login' }), PHONE.width);
      await withinWidth(section('Sandbox', phone).getByRole('button', { name: 'Add transaction' }), PHONE.width);
      await withinWidth(section('Spending', phone).getByTestId('spending-total').first(), PHONE.width);
      await withinWidth(section('Recurring', phone).getByTestId('recurring-stream').first(), PHONE.width);
      // The annotation editor opens inside its row's card, on the coffee annotated above, so it opens filled in.
      await phone
        .getByTestId('transaction')
        .filter({ hasText: 'Corner coffee' })
        .getByRole('button', { name: 'Edit your notes on Corner coffee', exact: true })
        .click();
      const editor = phone.getByRole('form', { name: 'Your notes on Corner coffee' });
      await withinWidth(editor.getByLabel('Note', { exact: true }), PHONE.width);
      await withinWidth(editor.getByRole('button', { name: 'Save' }), PHONE.width);
      await editor.screenshot({ path: path.join(OUTPUT_DIR, 'demo-11-phone-annotation-editor.png') });
      await editor.getByRole('button', { name: 'Cancel' }).click();
      await section('Spending', phone).screenshot({ path: path.join(OUTPUT_DIR, 'demo-12-phone-spending.png') });
      // Scrolling to each control must not have widened the page either.
      expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width);

      // The Live list, kept from the desktop page's localStorage, for the screenshot.
      await phone.getByTestId('events').locator('li').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await phone.evaluate('window.scrollTo(0, 0)');
      const file = path.join(OUTPUT_DIR, 'demo-7-phone.png');
      await screenshot('demo-7-phone.png', phone);
      console.log(`phone-width screenshot (${PHONE.width} px, scrollWidth ${scrollWidth}): ${file}`);
    } finally {
      await phoneContext.close();
    }
  });

  it('loaded nothing but the gateway and its Plaid, without a script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
});
