import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { eventually, linkItem, type LinkedItem } from '../../support/linking';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const OUTPUT_DIR = path.resolve(__dirname, '../../../test-output');

/** The visible Monaco editor in `area`: GraphiQL keeps hidden ones for the other tools. */
const editorIn = (page: Page, area: string) => page.locator(`${area} .view-lines`).filter({ visible: true });

/** Monaco renders each line in its own element, with non-breaking spaces. */
async function editorText(page: Page, area: string): Promise<string> {
  return (await editorIn(page, area).innerText()).replace(/\u00a0/g, ' ');
}

/** Waits until the editor in `area` shows `expected`; its whole text then. */
function editorShows(page: Page, area: string, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  return eventually(
    async () => {
      const text = await editorText(page, area);
      return (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) ? text : undefined;
    },
    timeoutMs,
    `${area} to show ${String(expected)}`,
  );
}

/** Replaces an editor's text. One line, inserted at once: typed brackets and new lines would be auto-closed and auto-indented. */
async function replaceEditorText(page: Page, area: string, text: string): Promise<void> {
  await editorIn(page, area).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

describe('the schema explorer, in headless Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  /** Linked for `demo`, the user of the page's development token. */
  let item: LinkedItem;
  let demoToken: string;
  const foreignRequests: string[] = [];
  const browserErrors: string[] = [];
  const webSockets: Array<{ url: string; sent: string[]; received: string[] }> = [];

  beforeAll(async () => {
    gw = await startTestGateway();
    demoToken = await gw.tokenFor('demo');
    // `demo` is one fixed user: an Item left by an earlier run on the same database would make this link a duplicate.
    await gw.gateway.dataSource.query(`DELETE FROM items WHERE user_id = 'demo'`);
    item = await linkItem(gw, demoToken);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request of the page and its workers; there is no network beyond the gateway to reach anyway.
    context.on('request', (request) => {
      if (new URL(request.url()).origin !== gw.url) foreignRequests.push(request.url());
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('websocket', (socket) => {
      const frames = { url: socket.url(), sent: [] as string[], received: [] as string[] };
      webSockets.push(frames);
      socket.on('framesent', (frame) => frames.sent.push(String(frame.payload)));
      socket.on('framereceived', (frame) => frames.received.push(String(frame.payload)));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('opens on GET /graphql, introspects the schema and runs the prefilled query with the development token', async () => {
    const introspected = page.waitForResponse(
      (response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.goto(`${gw.url}/graphql`);
    expect((await introspected).status()).toBe(200);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();

    expect(await editorText(page, 'section.graphiql-editor-tool')).toMatch(/"authorization": "Bearer [\w-]+\.[\w-]+\.[\w-]+"/);
    await page.locator('.graphiql-execute-button').click();
    await editorShows(page, '.graphiql-response', '"id": "demo"');
  });

  it('shows the schema in the documentation explorer', async () => {
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await eventually(async () => (/\bme\b[\s\S]*User!/.test(await docs.innerText()) ? true : undefined), 10_000, 'the docs of Query');
    await page.getByRole('button', { name: /Hide Documentation Explorer/i }).click();
  });

  it('starts a subscription over graphql-ws on the gateway', async () => {
    await page.locator('.graphiql-tab-add').click();
    await replaceEditorText(
      page,
      '.graphiql-query-editor',
      `subscription Status { itemStatusChanged(itemId: "${item.id}") { status previousStatus reason } }`,
    );
    // GraphiQL names the tab once it has parsed the edit; only then does it know the operation is a subscription.
    await page.locator('.graphiql-tab-active', { hasText: 'Status' }).waitFor();
    await page.getByRole('button', { name: /Prettify/i }).click();
    await editorIn(page, '.graphiql-query-editor').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.locator('.graphiql-execute-button').click();
    const socket = await eventually(async () => webSockets[0], 15_000, 'a WebSocket');
    expect(socket.url).toBe(gw.wsUrl);
    await eventually(
      async () => (socket.received.some((frame) => JSON.parse(frame).type === 'connection_ack') ? true : undefined),
      15_000,
      'connection_ack',
    );
    await eventually(
      async () => socket.sent.find((frame) => JSON.parse(frame).type === 'subscribe' && frame.includes('itemStatusChanged')),
      15_000,
      'the subscribe message',
    );
  });

  it('shows the itemStatusChanged event that a sandbox mutation triggers', async () => {
    const reset = await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', {
      token: demoToken,
      variables: { id: item.id },
    });
    expect(reset.data).toEqual({ sandboxResetLogin: true });
    const shown = await editorShows(page, '.graphiql-response', '"status": "LOGIN_REQUIRED"');
    expect(shown).toContain('"previousStatus": "ACTIVE"');
  });

  it('loaded nothing from any host but the gateway, without a CSP violation or script error', async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'explorer.png'), fullPage: true });
    expect(foreignRequests).toEqual([]);
    expect(webSockets.map((socket) => new URL(socket.url).host)).toEqual(webSockets.map(() => new URL(gw.url).host));
    expect(browserErrors).toEqual([]);
  });
});
