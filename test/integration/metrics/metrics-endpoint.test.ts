import type { Client } from 'graphql-ws';
import { eventually } from '../../support/linking';
import { parseSamples, sampleValue, type Sample } from '../../support/prometheus-text';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

describe('GET /metrics', () => {
  let gw: TestGateway;
  const clients: Client[] = [];

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gw.close();
  });

  async function scrape(): Promise<{ text: string; samples: Sample[] }> {
    const response = await fetch(`${gw.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { text, samples: parseSamples(text) };
  }

  function ws(token: string, lazy = true): Client {
    const client = connectWs(gw.wsUrl, `Bearer ${token}`, { lazy });
    clients.push(client);
    return client;
  }

  it('exposes HTTP, GraphQL, WebSocket and process metrics after a little traffic, with no user id or token in them', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    await gw.graphql('query Me { me { id } }', { token });
    await gw.graphql('{ me { id } }', { token });
    await gw.graphql('{ nope }', { token });
    await gw.graphql('query Me { me { id } }');
    expect(await runWs(ws(token), 'query OverWebSocket { me { id } }')).toEqual({ data: { me: { id: userId } } });
    const open = ws(token, false);
    await new Promise<void>((resolve) => open.on('connected', () => resolve()));

    const { text, samples } = await scrape();
    const operations = (labels: Record<string, string>) => sampleValue(samples, 'gateway_graphql_operation_duration_seconds_count', labels);
    expect(operations({ operation_name: 'Me', operation_type: 'query', transport: 'http', outcome: 'ok' })).toBe(1);
    // Without a token `me` is UNAUTHENTICATED: an error outcome, and a name nobody signed in may not add to the labels.
    expect(operations({ operation_name: 'unauthenticated', operation_type: 'query', transport: 'http', outcome: 'error' })).toBe(1);
    expect(operations({ operation_name: 'anonymous', operation_type: 'query', transport: 'http', outcome: 'ok' })).toBe(1);
    expect(operations({ operation_name: 'unresolved', operation_type: 'unknown', transport: 'http', outcome: 'error' })).toBe(1);
    expect(operations({ operation_name: 'OverWebSocket', operation_type: 'query', transport: 'websocket', outcome: 'ok' })).toBe(1);

    expect(
      sampleValue(samples, 'gateway_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_code: '200' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sampleValue(samples, 'gateway_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_code: '400' }),
    ).toBe(1);
    expect(sampleValue(samples, 'gateway_websocket_connections')).toBe(1);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    expect(text).not.toContain(userId);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[1]);
  });

  it('exposes what the webhook, sync and job code records', async () => {
    const { metrics } = gw.gateway;
    metrics.recordWebhook({ type: 'TRANSACTIONS', code: 'SYNC_UPDATES_AVAILABLE', outcome: 'accepted' });
    metrics.recordWebhook({ type: 'ITEM', code: 'ERROR', outcome: 'rejected' });
    metrics.recordSync({ durationSeconds: 0.4, added: 12, modified: 3, removed: 1, outcome: 'committed' });
    metrics.setQueueDepthSource(() => ({ 'transactions-sync': 2 }));

    const { samples } = await scrape();
    expect(
      sampleValue(samples, 'gateway_webhooks_total', {
        webhook_type: 'TRANSACTIONS',
        webhook_code: 'SYNC_UPDATES_AVAILABLE',
        outcome: 'accepted',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'gateway_webhooks_total', { webhook_type: 'ITEM', webhook_code: 'ERROR', outcome: 'rejected' })).toBe(1);
    expect(sampleValue(samples, 'gateway_sync_duration_seconds_count', { outcome: 'committed' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'gateway_sync_transactions_total', { change: 'added' })).toBeGreaterThanOrEqual(12);
    expect(sampleValue(samples, 'gateway_job_queue_depth', { queue: 'transactions-sync' })).toBe(2);
  });

  it('counts Plaid calls by endpoint and outcome', async () => {
    const token = await gw.tokenFor(newUserId());
    const created = await gw.graphql('mutation { sandboxCreatePublicToken { publicToken } }', { token });
    expect(created.errors).toBeUndefined();

    const { samples } = await scrape();
    expect(
      sampleValue(samples, 'gateway_plaid_request_duration_seconds_count', { endpoint: 'sandboxPublicTokenCreate', outcome: 'ok' }),
    ).toBe(1);
  });

  it('counts subscriptions while they stream, until the client completes them or the socket closes', async () => {
    const client = ws(await gw.tokenFor(newUserId()), false);
    const start = () =>
      client.subscribe(
        { query: 'subscription { itemStatusChanged { status } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    const active = async (expected: number) => {
      const read = async () => sampleValue((await scrape()).samples, 'gateway_graphql_subscriptions_active');
      await eventually(async () => ((await read()) === expected ? true : undefined), 5000, `${expected} active subscriptions`);
    };
    const stop = start();
    start();
    await active(2);
    stop();
    await active(1);
    await client.dispose();
    await active(0);
  });
});
