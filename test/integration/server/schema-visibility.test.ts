import type { Client } from 'graphql-ws';
import { explorerConfigOf } from '../../support/explorer-page';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ me { idd } }';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('schema visibility in production: explorer, introspection and suggestions for partners only', () => {
  let gw: TestGateway;
  const clients: Client[] = [];
  let partnerToken: string;
  let userToken: string;

  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production', PLAID_ENV: 'emulator', PARTNER_SCOPE: 'schema:explore' });
    partnerToken = await gw.tokenFor(newUserId('partner'), ['read', 'schema:explore']);
    userToken = await gw.tokenFor(newUserId(), ['read']);
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gw.close();
  });

  function wsFor(token: string): Client {
    const client = connectWs(gw.wsUrl, `Bearer ${token}`);
    clients.push(client);
    return client;
  }

  it('refuses introspection to other tokens and to anonymous callers, over HTTP and WebSocket', async () => {
    const forbidden = { message: 'Introspection needs a token with the "schema:explore" scope', extensions: { code: 'FORBIDDEN' } };
    for (const token of [userToken, undefined]) {
      const response = await gw.graphql(INTROSPECTION, { token });
      expect(response.status).toBe(403);
      expect(response.errors).toEqual([forbidden]);
      expect(response.data ?? null).toBeNull();
    }
    expect(await runWs(wsFor(userToken), INTROSPECTION)).toEqual({ errors: [forbidden] });
    expect(await runWs(wsFor(userToken), '{ __type(name: "User") { name } }')).toEqual({ errors: [forbidden] });
  });

  it('answers introspection for partner tokens, over HTTP and WebSocket', async () => {
    const response = await gw.graphql(INTROSPECTION, { token: partnerToken });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(await runWs(wsFor(partnerToken), INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('hides field suggestions from other tokens, over HTTP and WebSocket', async () => {
    const hidden = 'Cannot query field "idd" on type "User".';
    expect((await gw.graphql(TYPO, { token: userToken })).errors?.[0].message).toBe(hidden);
    expect((await gw.graphql(TYPO)).errors?.[0].message).toBe(hidden);
    expect(await runWs(wsFor(userToken), TYPO)).toMatchObject({ errors: [{ message: hidden }] });
  });

  it('hides enum value suggestions in variable errors from other tokens, over HTTP and WebSocket', async () => {
    const query = 'query($status: ItemStatus) { items(status: $status) { id } }';
    const hidden = 'Variable "$status" got invalid value "ACTIV"; Value "ACTIV" does not exist in "ItemStatus" enum.';
    const http = await gw.graphql(query, { token: userToken, variables: { status: 'ACTIV' } });
    expect(http.status).toBe(400);
    expect(http.errors).toEqual([expect.objectContaining({ message: hidden, extensions: { code: 'BAD_USER_INPUT' } })]);
    expect(await runWs(wsFor(userToken), query, { status: 'ACTIV' })).toEqual({
      errors: [expect.objectContaining({ message: hidden, extensions: { code: 'BAD_USER_INPUT' } })],
    });
    const forPartner = await gw.graphql(query, { token: partnerToken, variables: { status: 'ACTIV' } });
    expect(forPartner.errors?.[0].message).toBe(`${hidden} Did you mean the enum value "ACTIVE"?`);
  });

  it('shows field suggestions to partner tokens', async () => {
    const shown = 'Cannot query field "idd" on type "User". Did you mean "id"?';
    expect((await gw.graphql(TYPO, { token: partnerToken })).errors?.[0].message).toBe(shown);
    expect(await runWs(wsFor(partnerToken), TYPO)).toMatchObject({ errors: [{ message: shown }] });
  });

  it('still runs ordinary operations for every token', async () => {
    expect((await gw.graphql('{ me { id } }', { token: userToken })).errors).toBeUndefined();
    expect((await gw.graphql('{ __typename }', { token: userToken })).data).toEqual({ __typename: 'Query' });
  });

  it('serves the explorer page only to partner tokens, with the token in its headers editor', async () => {
    const page = (authorization?: string) =>
      fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT, ...(authorization ? { authorization } : {}) } });

    const anonymous = await page();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.text()).toContain('"schema:explore" scope');
    expect((await page(`Bearer ${userToken}`)).status).toBe(403);
    expect((await page('Bearer not-a-token')).status).toBe(401);

    const partner = await page(`Bearer ${partnerToken}`);
    expect(partner.status).toBe(200);
    expect(partner.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(explorerConfigOf(await partner.text()).headers)).toEqual({ authorization: `Bearer ${partnerToken}` });
  });
});

describe('schema visibility outside production: open to everyone', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  it('serves the explorer to any browser, prefilled with a working development token for "demo"', async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const config = explorerConfigOf(await response.text());
    const { authorization } = JSON.parse(config.headers) as { authorization: string };
    const me = await gw.graphql('{ me { id } }', { headers: { authorization } });
    expect(me.data).toEqual({ me: { id: 'demo' } });
  });

  it('answers GET /graphql from non-browsers with GraphQL, not the page', async () => {
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets anyone introspect and see suggestions', async () => {
    expect((await gw.graphql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await gw.graphql(TYPO)).errors?.[0].message).toMatch(/Did you mean "id"\?$/);
  });
});
