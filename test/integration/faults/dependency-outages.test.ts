import { connectWs, runWs } from '../../support/ws-client';
import { freePort } from '../../support/free-port';
import { IdentityProvider } from '../../support/identity-provider';
import { accessTokenOf, callPlaid, linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { deliverWebhook, startWebhookReceiver } from '../../support/webhook-receiver';
import type { WebhookReceiver } from 'plaid-emulator';

/**
 * An outage of a dependency is never reported as the caller's fault: the identity provider's
 * key set and Plaid's webhook key endpoint, really down (a closed port, 5xx answers).
 */
describe('outages of the identity provider', () => {
  let gw: TestGateway;
  let idp: IdentityProvider;

  beforeAll(async () => {
    // Nothing listens on the provider's port yet: every key fetch is refused.
    idp = new IdentityProvider(await freePort());
    // Production: the schema explorer checks the token too (elsewhere it is open to everyone).
    gw = await startTestGateway({
      NODE_ENV: 'production',
      PLAID_ENV: 'emulator',
      AUTH_JWT_SECRET: '',
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: idp.audience,
    });
  });

  afterAll(async () => {
    await gw?.close();
    await idp?.stop();
  });

  const sse = (authorization: string) =>
    fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });

  /** The close code of a WebSocket whose connection_init carries `authorization`. */
  async function webSocketClose(authorization: string): Promise<unknown> {
    const client = connectWs(gw.wsUrl, authorization);
    try {
      return await runWs(client, '{ me { id } }').then(
        () => 'connected',
        (error: { code?: number; reason?: string }) => ({ code: error.code, reason: error.reason }),
      );
    } finally {
      await client.dispose();
    }
  }

  async function expectOutageEverywhere(token: string): Promise<void> {
    const http = await gw.graphql('{ me { id } }', { token });
    expect(http.status).toBe(503);
    expect(http.headers.get('retry-after')).toBe('5');
    expect(http.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 } })]);

    const stream = await sse(`Bearer ${token}`);
    expect(stream.status).toBe(503);
    expect(stream.headers.get('retry-after')).toBe('5');
    expect(((await stream.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 } }),
    ]);

    expect(await webSocketClose(`Bearer ${token}`)).toEqual({ code: 1013, reason: expect.stringMatching(/try again later/i) });

    const explorer = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${token}` } });
    expect(explorer.status).toBe(503);
    expect(await explorer.text()).toMatch(/identity provider is not answering/);
  }

  it("item 7: with the provider's port closed, a good token is SERVICE_UNAVAILABLE over HTTP, SSE, WebSocket and the explorer, logged without the token", async () => {
    const token = await idp.tokenFor(newUserId());
    await expectOutageEverywhere(token);
    const outages = gw.logs.filter((line) => line.msg === 'identity provider unavailable; the caller is told to retry');
    expect(outages.map((line) => line.transport).sort()).toEqual(['http', 'http', 'sse', 'websocket']);
    expect(String(outages[0].reason)).toMatch(/fetch failed|ECONNREFUSED/);
    expect(gw.rawLogs()).not.toContain(token);
  });

  it('item 7: a bad token is still UNAUTHENTICATED (401, 4403) while the provider is down', async () => {
    const http = await gw.graphql('{ me { id } }', { token: 'not.a.jwt' });
    expect(http.status).toBe(401);
    expect(http.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await sse('Bearer not.a.jwt')).status).toBe(401);
    expect(await webSocketClose('Bearer not.a.jwt')).toMatchObject({ code: 4403 });
    const refusals = gw.logs.filter((line) => line.msg === 'authentication refused');
    expect(refusals.map((line) => line.transport)).toEqual(expect.arrayContaining(['http', 'sse', 'websocket']));
  });

  it('item 7: a provider answering 5xx is SERVICE_UNAVAILABLE too, and once it answers the same token works', async () => {
    await idp.start();
    idp.answerWith(503);
    const userId = newUserId();
    const token = await idp.tokenFor(userId);
    await expectOutageEverywhere(token);

    idp.answerWith(200);
    const http = await gw.graphql('{ me { id } }', { token });
    expect(http.data).toEqual({ me: { id: userId } });
    // A token signed by someone else is refused as before.
    const forged = await new IdentityProvider(idp.port).tokenFor(userId);
    expect((await gw.graphql('{ me { id } }', { token: forged })).errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe("outages of Plaid's webhook key endpoint", () => {
  let gw: TestGateway;
  let receiver: WebhookReceiver;
  const outcomes: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({}, { onWebhook: ({ outcome }) => void outcomes.push(outcome) });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver?.stop();
    await gw?.close();
  });

  it('item 7: a genuine webhook signed by a key Plaid cannot serve now is answered 503 (Plaid retries), counted as an outage, not a forgery', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    // A key the gateway has never fetched, and the endpoint that serves it failing with 5xx.
    await gw.emulator.rotateWebhookKey();
    await callPlaid(gw, '/item/webhook/update', { access_token: await accessTokenOf(gw, item.id), webhook: receiver.url });
    receiver.clear();
    await gw.graphql('mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: SYNC_UPDATES_AVAILABLE) }', {
      token,
      variables: { id: item.id },
    });
    const [genuine] = await receiver.waitFor(1, (webhook) => webhook.body.webhook_code === 'SYNC_UPDATES_AVAILABLE');
    await gw.emulator.injectError({ endpoint: '/webhook_verification_key/get', errorCode: 'INTERNAL_SERVER_ERROR' });
    outcomes.length = 0;

    const during = await deliverWebhook(gw.url, genuine);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('30');
    expect(outcomes).toEqual(['unavailable']);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_webhooks_total\{webhook_type="invalid",webhook_code="invalid",outcome="unavailable"\} 1/);
    expect(metrics).not.toMatch(/outcome="rejected"/);
    expect(gw.logs.filter((line) => line.msg === 'webhook refused')).toEqual([]);

    // Plaid's retry, once the endpoint is back, is accepted.
    await gw.emulator.clearFaults();
    expect((await deliverWebhook(gw.url, genuine)).status).toBe(200);
    expect(outcomes).toEqual(['unavailable', 'accepted']);
  });
});
