import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { PlaidClient } from '../../../src/plaid/plaid-client';
import { WebhookVerifier } from '../../../src/plaid/webhook-verifier';
import { isWebhookRequest, webhookRoute } from '../../../src/server/webhook-route';
import { UnstorableWebhookError, type WebhookIntakeService } from '../../../src/services/webhook-intake.service';
import { PlaidKeyServer } from '../../support/plaid-key-server';

describe('POST /webhooks/plaid', () => {
  let keys: PlaidKeyServer;
  let server: Server;
  let url: string;
  const received: unknown[] = [];
  const answered: Array<{ method: string; statusCode: number }> = [];

  beforeAll(async () => {
    keys = await new PlaidKeyServer().start();
    await keys.addKey('k1');
    const config = loadConfig({ PLAID_CLIENT_ID: 'id', PLAID_SECRET: 'secret' });
    const plaid = new PlaidClient({ config: config.plaid, baseUrl: keys.url, logger: pino({ level: 'silent' }) });
    // Records what would be stored; the database side is covered by the integration tests.
    const intake = {
      receive: async (...args: unknown[]) => {
        // PostgreSQL refuses a NUL in a string, as the real intake reports it.
        if ((args[0] as Buffer).toString().includes('\\u0000')) throw new UnstorableWebhookError('22P05');
        received.push(args);
        return { outcome: 'accepted', eventId: 'e1' };
      },
    } as unknown as WebhookIntakeService;
    const route = webhookRoute({
      verifier: new WebhookVerifier(plaid, pino({ level: 'silent' }), { unknownKeyLookupsPerMinute: 100 }),
      intake,
      logger: pino({ level: 'silent' }),
      onResponse: (response) => answered.push(response),
    });
    server = createServer((req, res) => (isWebhookRequest(req) ? route(req, res) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/plaid`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await keys.stop();
  });

  beforeEach(() => {
    received.length = 0;
    answered.length = 0;
  });

  const post = async (body: string, signature?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'plaid-verification': signature } : {}) },
      body,
    });

  it('accepts a genuine webhook (200) and hands it to intake with the exact bytes', async () => {
    const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"i1",  "error":null}';
    const response = await post(body, await keys.sign(Buffer.from(body), 'k1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect((received[0] as [Buffer])[0].toString()).toBe(body);
  });

  it('answers 401 and stores nothing when verification fails', async () => {
    const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"i1"}';
    expect((await post(body)).status).toBe(401);
    expect((await post(body, await keys.sign(Buffer.from(`${body} `), 'k1'))).status).toBe(401);
    expect(received).toEqual([]);
  });

  it.each([['not json at all'], ['[1,2]'], ['{"webhook_type":1,"webhook_code":"X"}'], ['{"webhook_code":"ERROR"}']])(
    'answers 400 for a genuine but malformed body %s',
    async (body) => {
      const response = await post(body, await keys.sign(Buffer.from(body), 'k1'));
      expect(response.status).toBe(400);
      expect(received).toEqual([]);
    },
  );

  it('item 9: answers 400 for a genuine webhook that cannot be stored, so Plaid does not retry it for ever', async () => {
    const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"i1","note":"\\u0000"}';
    const response = await post(body, await keys.sign(Buffer.from(body), 'k1'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'webhook body cannot be stored' });
  });

  it('answers 405 to anything but POST, 413 to an oversized body, and reports every answer', async () => {
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const huge = JSON.stringify({ webhook_type: 'ITEM', webhook_code: 'ERROR', padding: 'x'.repeat(300 * 1024) });
    expect((await post(huge, await keys.sign(Buffer.from(huge), 'k1'))).status).toBe(413);
    expect(received).toEqual([]);
    expect(answered.map(({ method, statusCode }) => [method, statusCode])).toEqual([
      ['GET', 405],
      ['POST', 413],
    ]);
  });

  it.each([['?source=plaid'], ['/'], ['/?source=plaid']])(
    'serves the path followed by %s too, and gives every answer a request id',
    async (suffix) => {
      const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"i1"}';
      const response = await fetch(`${url}${suffix}`, {
        method: 'POST',
        headers: { 'plaid-verification': await keys.sign(Buffer.from(body), 'k1') },
        body,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('leaves other paths to the rest of the server', async () => {
    expect((await fetch(`${url}s`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${url}/extra`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
