import { startTestGateway, type TestGateway } from '../../support/test-gateway';

describe('/demo/, the reference web app, outside production', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('serves the built app, whose Link popups may post back to it', async () => {
    const page = await fetch(`${gw.url}/demo/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    const html = await page.text();
    const script = /src="(\/demo\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${gw.url}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${gw.url}/demo`, { redirect: 'manual' })).headers.get('location')).toBe('/demo/');
  });

  it('tells the page a working development token and where the emulator hosts Link', async () => {
    const response = await fetch(`${gw.url}/demo/session.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = (await response.json()) as { developmentToken: string; linkPageUrl: string };
    expect(session.linkPageUrl).toBe(`${gw.gateway.plaidBaseUrl}/link`);
    expect((await gw.graphql('{ me { id } }', { token: session.developmentToken })).data).toEqual({ me: { id: 'demo' } });
  });
});

describe('/demo/ in production', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production', PLAID_ENV: 'emulator' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('does not exist: neither the app nor its development token', async () => {
    expect((await fetch(`${gw.url}/demo/`)).status).toBe(404);
    expect((await fetch(`${gw.url}/demo/session.json`)).status).toBe(404);
  });
});
