import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { eventually } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const OUTPUT_DIR = path.resolve(__dirname, '../../../test-output');
const STEP_TIMEOUT_MS = 30_000;

/**
 * The reference web app (examples/web) as a person uses it: every step goes through the page,
 * the emulator's hosted Link page in its popup and the public GraphQL API; only the
 * screenshots look from outside.
 */
describe('the reference web app at /demo/, in headless Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];
  const foreignRequests: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: path.join(OUTPUT_DIR, name), fullPage: true });
  const item = () => page.getByTestId('item').first();
  const itemStatus = () => item().getByTestId('item-status');

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

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    gw = await startTestGateway();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== gw.url && origin !== gw.gateway.plaidBaseUrl) foreignRequests.push(request.url());
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('opens with no bank yet, for the user of the token in its address', async () => {
    const token = await gw.tokenFor(newUserId('web'));
    await page.goto(`${gw.url}/demo/#token=${token}`);
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

  it('pages transactions by scrolling and narrows them with a filter', async () => {
    const count = page.getByTestId('transactions-count');
    const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(25);
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

  it('shows "Reconnect" once the sandbox resets the login, live', async () => {
    await page.getByRole('button', { name: 'Reset login' }).click();
    await item().getByRole('button', { name: 'Reconnect' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await itemStatus().textContent()).toBe('LOGIN_REQUIRED');
    await page
      .getByTestId('events')
      .getByText(/ACTIVE → LOGIN_REQUIRED/)
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await screenshot('demo-3-login-required.png');
  });

  it('relinks through Link in update mode and shows the Item healthy again', async () => {
    await throughLink(() => item().getByRole('button', { name: 'Reconnect' }).click());
    await itemStatus()
      .filter({ hasText: /^ACTIVE$/ })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await item().getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
    await screenshot('demo-4-relinked.png');
  });

  it('runs a transfer check and shows each reason of a decline', async () => {
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Transfer check' }) });
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

  it('loaded nothing but the gateway and its Plaid, without a script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
});
