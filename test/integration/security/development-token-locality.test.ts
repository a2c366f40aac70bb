import { createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { closeHttpServer } from '../../support/close-http-server';
import { explorerConfigOf } from '../../support/explorer-page';
import { freePort } from '../../support/free-port';
import { started } from '../../support/started';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface DemoSession {
  developmentToken: string | null;
  developmentTokenWithheld?: { reason: string; message: string };
  linkPageUrl: string | null;
}

/**
 * This machine's own address on a network interface, if it has one. A request from it to the
 * gateway's loopback address (the socket bound to it as its local address) reaches the gateway
 * from a peer that is not loopback, as one from another machine would, while nothing is sent
 * to any address but loopback.
 */
const NON_LOOPBACK_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

describe('issue 22 item 12: the development token stays on the developer’s machine and pages', () => {
  let gw: TestGateway;
  let port: number;

  beforeAll(async () => {
    // Development mode, as `npm start` with no configuration; bound to 127.0.0.1 like the default HOST.
    gw = await startTestGateway();
    port = Number(new URL(gw.url).port);
  });

  afterAll(async () => {
    await gw?.close();
  });

  /** GET `path` from the gateway's loopback address, from `localAddress` when given. */
  function get(path: string, headers: OutgoingHttpHeaders = {}, localAddress?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path, headers, localAddress }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  const session = async (headers: OutgoingHttpHeaders, localAddress?: string) => {
    const answer = await get('/demo/session.json', headers, localAddress);
    return { answer, session: JSON.parse(answer.body) as DemoSession };
  };
  /** The explorer page's headers editor: what token, if any, the page was handed. */
  const explorerHeaders = async (headers: OutgoingHttpHeaders, localAddress?: string) => {
    const answer = await get('/graphql', { accept: 'text/html', ...headers }, localAddress);
    return { answer, headers: JSON.parse(explorerConfigOf(answer.body).headers) as Record<string, string> };
  };

  it('issue 22 item 12: /demo/session.json tells a request from another origin no token, and no other origin may read it', async () => {
    const local = await session({ 'sec-fetch-site': 'same-origin' });
    console.log(`same-origin local request: token ${local.session.developmentToken ? 'handed out' : 'withheld'}`);
    const me = await gw.graphql('{ me { id } }', { token: local.session.developmentToken! });
    expect(me.data).toEqual({ me: { id: 'demo' } });

    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3000' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const { answer, session: told } = await session(headers);
      console.log(
        `${JSON.stringify(headers)}: ${answer.status}, token ${told.developmentToken ? 'HANDED OUT' : 'withheld'} (${told.developmentTokenWithheld?.reason}), ` +
          `Access-Control-Allow-Origin ${answer.headers['access-control-allow-origin'] ?? 'absent'}`,
      );
      expect({ headers, status: answer.status, token: told.developmentToken, cors: answer.headers['access-control-allow-origin'] }).toEqual(
        {
          headers,
          status: 200,
          token: null,
          cors: undefined,
        },
      );
      expect(told.developmentTokenWithheld).toEqual({ reason: 'CROSS_ORIGIN', message: expect.stringMatching(/another origin/) });
      // The page still learns where Link opens: with a token in its address it works.
      expect(told.linkPageUrl).toBe(local.session.linkPageUrl);
    }
  });

  it('issue 22 item 12: the explorer page carries no token for a request from another origin, and is not shared with it', async () => {
    const local = await explorerHeaders({ 'sec-fetch-site': 'none' });
    console.log(`address-bar request: headers editor ${JSON.stringify(Object.keys(local.headers))}`);
    expect(local.headers.authorization).toMatch(/^Bearer /);

    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      const { answer, headers: editor } = await explorerHeaders(headers);
      console.log(
        `${JSON.stringify(headers)}: ${answer.status}, headers editor ${JSON.stringify(editor)}, ` +
          `Access-Control-Allow-Origin ${answer.headers['access-control-allow-origin'] ?? 'absent'}`,
      );
      expect({ headers, status: answer.status, editor, cors: answer.headers['access-control-allow-origin'] }).toEqual({
        headers,
        status: 200,
        editor: {},
        cors: undefined,
      });
    }
    // The API itself is still open to any origin in development: it answers with the caller's own token only.
    const api = await gw.graphql('{ __typename }', { headers: { origin: 'https://evil.example' } });
    expect(api.headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });

  it('issue 22 item 12: a name rebound to 127.0.0.1 (DNS rebinding) or a proxy in front gets no token', async () => {
    for (const [headers, reason] of [
      [{ host: `evil.example:${port}`, 'sec-fetch-site': 'same-origin' }, 'FOREIGN_HOST'],
      [{ 'x-forwarded-for': '203.0.113.9' }, 'FORWARDED'],
    ] as const) {
      const { session: told } = await session(headers);
      const { headers: editor } = await explorerHeaders(headers);
      console.log(
        `${JSON.stringify(headers)}: session.json ${told.developmentTokenWithheld?.reason ?? 'HANDED OUT'}, explorer ${JSON.stringify(editor)}`,
      );
      expect({ token: told.developmentToken, reason: told.developmentTokenWithheld?.reason, editor }).toEqual({
        token: null,
        reason,
        editor: {},
      });
    }
  });

  (NON_LOOPBACK_ADDRESS ? it : it.skip)(
    'issue 22 item 12: a client that is not on the gateway’s machine gets no token, whatever X-Forwarded-For says',
    async () => {
      const from = NON_LOOPBACK_ADDRESS!;
      for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }]) {
        const { session: told } = await session(headers, from);
        const { headers: editor } = await explorerHeaders(headers, from);
        console.log(
          `from ${from} ${JSON.stringify(headers)}: session.json ${told.developmentTokenWithheld?.reason ?? 'HANDED OUT'}, explorer ${JSON.stringify(editor)}`,
        );
        expect({ token: told.developmentToken, reason: told.developmentTokenWithheld?.reason, editor }).toEqual({
          token: null,
          reason: 'NOT_LOCAL',
          editor: {},
        });
        expect(told.developmentTokenWithheld?.message).toMatch(/only to a browser on the gateway's own machine/);
      }
    },
  );
  if (!NON_LOOPBACK_ADDRESS) console.log('skipped the non-loopback client: this machine has no IPv4 address outside loopback');

  describe('in Chromium', () => {
    let browser: Browser;
    let foreignOrigin: string;
    let stopForeign: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      // Another site the developer visits: `localhost` is another site than the gateway's 127.0.0.1.
      const foreign = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another site</title>'),
      );
      const foreignPort = await freePort();
      await new Promise<void>((resolve) => foreign.listen(foreignPort, '127.0.0.1', resolve));
      stopForeign = started(`foreign site on ${foreignPort}`, () => closeHttpServer(foreign));
      foreignOrigin = `http://localhost:${foreignPort}`;
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await stopForeign?.();
    });

    it('issue 22 item 12: a page of another site cannot read the development token; the gateway’s own page can', async () => {
      const page = await browser.newPage();
      /** What a script of the page at `url` reads from the gateway, or how its read failed. */
      const readFrom = async (url: string) => {
        await page.goto(url);
        return page.evaluate(async (gateway) => {
          const read = (path: string, accept: string) =>
            fetch(`${gateway}${path}`, { headers: { accept } }).then(
              async (response) => (await response.text()).slice(0, 400),
              (error: Error) => `blocked: ${error.message}`,
            );
          return { session: await read('/demo/session.json', 'application/json'), explorer: await read('/graphql', 'text/html') };
        }, gw.url);
      };
      const tokenIn = (text: string) => /"developmentToken":"ey|Bearer ey/.test(text);

      const foreign = await readFrom(`${foreignOrigin}/`);
      console.log(
        `page on ${foreignOrigin} read: session.json -> ${foreign.session.slice(0, 120)}; explorer -> ${foreign.explorer.slice(0, 60)}`,
      );
      expect({ session: tokenIn(foreign.session), explorer: tokenIn(foreign.explorer) }).toEqual({ session: false, explorer: false });

      // A page of the gateway's whose Content-Security-Policy lets scripts call it (helmet's, unlike a 404's).
      const own = await readFrom(`${gw.url}/healthz`);
      console.log(`page on ${gw.url} read: session.json token ${tokenIn(own.session) ? 'handed out' : 'withheld'}`);
      expect(tokenIn(own.session)).toBe(true);
    });
  });
});
