import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/logging/logger';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import { PlaidClient } from '../../../src/plaid/plaid-client';

type Handler = (req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse) => void;

const plaidError = (status: number, type: string, code: string) => (res: ServerResponse) =>
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error_type: type, error_code: code, error_message: 'x', display_message: null, request_id: 'req-1' }));

describe('PlaidClient', () => {
  let server: Server;
  let handler: Handler;
  let calls: Array<{ path: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }>;
  let logLines: string[];
  let client: PlaidClient;
  const secret = 'plaid-secret-never-logged';
  const accessToken = 'access-sandbox-00000000-aaaa-bbbb-cccc-123456789012';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        calls.push({ path: req.url!, body, headers: req.headers });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    calls = [];
    logLines = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString()), done()) });
    const config = loadConfig({ PLAID_CLIENT_ID: 'client-1', PLAID_SECRET: secret, PLAID_TIMEOUT_MS: '300' });
    client = new PlaidClient({
      config: config.plaid,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      logger: createLogger('info', sink),
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
  });

  it('sends credentials as headers and returns the response body', async () => {
    handler = (_req, _body, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ request_id: 'r', accounts: [] }));
    await expect(client.call('accountsGet', { access_token: accessToken })).resolves.toMatchObject({ accounts: [] });
    expect(calls[0].path).toBe('/accounts/get');
    expect(calls[0].headers['plaid-client-id']).toBe('client-1');
    expect(calls[0].headers['plaid-version']).toBe('2020-09-14');
  });

  it('retries a call that is safe to repeat after a rate limit or a 5xx, then succeeds', async () => {
    const answers = [plaidError(429, 'RATE_LIMIT_EXCEEDED', 'RATE_LIMIT'), plaidError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR')];
    handler = (_req, _body, res) => {
      const next = answers.shift();
      if (next) next(res);
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"request_id":"r","item":{}}');
    };
    await expect(client.call('itemGet', { access_token: accessToken })).resolves.toMatchObject({ request_id: 'r' });
    expect(calls).toHaveLength(3);
  });

  it('gives up after the last attempt with a typed error', async () => {
    handler = (_req, _body, res) => plaidError(400, 'INSTITUTION_ERROR', 'INSTITUTION_DOWN')(res);
    const error = await client.call('itemGet', { access_token: accessToken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaidApiError);
    expect(error).toMatchObject({ errorCode: 'INSTITUTION_DOWN', status: 400, kind: 'plaid' });
    expect(calls).toHaveLength(3);
  });

  it('never retries a call that is not safe to repeat', async () => {
    handler = (_req, _body, res) => plaidError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR')(res);
    await expect(client.call('itemPublicTokenExchange', { public_token: 'public-sandbox-x' })).rejects.toBeInstanceOf(PlaidApiError);
    expect(calls).toHaveLength(1);
  });

  it('does not retry errors that will not pass by themselves', async () => {
    handler = (_req, _body, res) => plaidError(400, 'ITEM_ERROR', 'ITEM_LOGIN_REQUIRED')(res);
    await expect(client.call('accountsGet', { access_token: accessToken })).rejects.toMatchObject({ errorCode: 'ITEM_LOGIN_REQUIRED' });
    expect(calls).toHaveLength(1);
  });

  it('times out every call', async () => {
    handler = () => undefined;
    const started = Date.now();
    await expect(client.call('itemRemove', { access_token: accessToken })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends a call at its deadline, retries included, and cuts the last attempt short', async () => {
    handler = () => undefined;
    const started = Date.now();
    await expect(client.call('itemGet', { access_token: accessToken }, { deadlineMs: 450 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(800);
    expect(calls).toHaveLength(2);
  });

  it('lets background work (no deadline) use every attempt', async () => {
    handler = () => undefined;
    await expect(client.call('itemGet', { access_token: accessToken }, { deadlineMs: null })).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls).toHaveLength(3);
  });

  it('keeps the secret and the access token out of errors and logs', async () => {
    handler = (_req, _body, res) => plaidError(400, 'INVALID_INPUT', 'INVALID_ACCESS_TOKEN')(res);
    const error = await client.call('authGet', { access_token: accessToken }).catch((e: unknown) => e);
    const everything = `${JSON.stringify(error)} ${String(error)} ${(error as Error).stack} ${logLines.join('')}`;
    expect(logLines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(accessToken);
  });
});
