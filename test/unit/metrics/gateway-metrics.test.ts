import pino from 'pino';
import { GatewayMetrics } from '../../../src/metrics/gateway-metrics';
import { parseSamples, sampleValue } from '../../support/prometheus-text';

describe('GatewayMetrics', () => {
  const silent = pino({ level: 'silent' });

  it('records webhooks by type, code and outcome, bounding what comes from the request body', async () => {
    const metrics = new GatewayMetrics(silent);
    metrics.recordWebhook({ type: 'TRANSACTIONS', code: 'SYNC_UPDATES_AVAILABLE', outcome: 'accepted' });
    metrics.recordWebhook({ type: 'TRANSACTIONS', code: 'SYNC_UPDATES_AVAILABLE', outcome: 'accepted' });
    metrics.recordWebhook({ type: 'ITEM', code: 'ERROR', outcome: 'duplicate' });
    metrics.recordWebhook({ type: '<script>', code: 'x y', outcome: 'rejected' });

    const samples = parseSamples(await metrics.render());
    expect(
      sampleValue(samples, 'gateway_webhooks_total', {
        webhook_type: 'TRANSACTIONS',
        webhook_code: 'SYNC_UPDATES_AVAILABLE',
        outcome: 'accepted',
      }),
    ).toBe(2);
    expect(sampleValue(samples, 'gateway_webhooks_total', { webhook_type: 'ITEM', webhook_code: 'ERROR', outcome: 'duplicate' })).toBe(1);
    expect(sampleValue(samples, 'gateway_webhooks_total', { webhook_type: 'invalid', webhook_code: 'invalid', outcome: 'rejected' })).toBe(
      1,
    );
  });

  it('records sync durations by outcome and the rows of committed syncs only', async () => {
    const metrics = new GatewayMetrics(silent);
    metrics.recordSync({ durationSeconds: 0.3, added: 10, modified: 2, removed: 1, outcome: 'committed' });
    metrics.recordSync({ durationSeconds: 1.5, added: 4, modified: 0, removed: 0, outcome: 'committed' });
    metrics.recordSync({ durationSeconds: 2, added: 99, modified: 99, removed: 99, outcome: 'failed' });

    const samples = parseSamples(await metrics.render());
    expect(sampleValue(samples, 'gateway_sync_duration_seconds_count', { outcome: 'committed' })).toBe(2);
    expect(sampleValue(samples, 'gateway_sync_duration_seconds_sum', { outcome: 'committed' })).toBeCloseTo(1.8);
    expect(sampleValue(samples, 'gateway_sync_duration_seconds_count', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'gateway_sync_transactions_total', { change: 'added' })).toBe(14);
    expect(sampleValue(samples, 'gateway_sync_transactions_total', { change: 'modified' })).toBe(2);
    expect(sampleValue(samples, 'gateway_sync_transactions_total', { change: 'removed' })).toBe(1);
  });

  it('reads the queue depth from its source at every scrape', async () => {
    const metrics = new GatewayMetrics(silent);
    let waiting = 3;
    metrics.setQueueDepthSource(async () => ({ 'transactions-sync': waiting, 'sync-sweep': 0 }));
    expect(sampleValue(parseSamples(await metrics.render()), 'gateway_job_queue_depth', { queue: 'transactions-sync' })).toBe(3);
    waiting = 1;
    const samples = parseSamples(await metrics.render());
    expect(sampleValue(samples, 'gateway_job_queue_depth', { queue: 'transactions-sync' })).toBe(1);
    expect(sampleValue(samples, 'gateway_job_queue_depth', { queue: 'sync-sweep' })).toBe(0);
  });

  it('keeps every other metric when the queue depth source fails, and says so in the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const metrics = new GatewayMetrics(logger);
    metrics.setQueueDepthSource(() => Promise.reject(new Error('database gone')));
    metrics.recordWebhook({ type: 'ITEM', code: 'ERROR', outcome: 'failed' });

    const samples = parseSamples(await metrics.render());
    expect(sampleValue(samples, 'gateway_job_queue_depth')).toBeUndefined();
    expect(sampleValue(samples, 'gateway_webhooks_total', { outcome: 'failed' })).toBe(1);
    expect(lines.join('')).toContain('database gone');
  });

  it('labels operations by name, "anonymous" or "unresolved", and caps the number of names', async () => {
    const metrics = new GatewayMetrics(silent);
    const record = (name: string | null | undefined) =>
      metrics.recordOperation({ name, authenticated: true, type: 'query', transport: 'http', outcome: 'ok', durationSeconds: 0.01 });
    record('Me');
    record(null);
    record(undefined);
    for (let i = 0; i < 250; i += 1) record(`Generated${i}`);

    const samples = parseSamples(await metrics.render());
    const count = (operation_name: string) => sampleValue(samples, 'gateway_graphql_operation_duration_seconds_count', { operation_name });
    expect(count('Me')).toBe(1);
    expect(count('anonymous')).toBe(1);
    expect(count('unresolved')).toBe(1);
    const names = new Set(
      samples.filter((s) => s.name === 'gateway_graphql_operation_duration_seconds_count').map((s) => s.labels.operation_name),
    );
    expect(names.size).toBe(200 + 3);
    // 199 generated names fit beside "Me"; the other 51 share one series.
    expect(count('other')).toBe(51);
  });

  it('keeps the names of operations from callers who are not signed in out of the labels (issue 22, item 11)', async () => {
    const metrics = new GatewayMetrics(silent);
    for (let i = 0; i < 250; i += 1)
      metrics.recordOperation({
        name: `Junk${i}`,
        authenticated: false,
        type: 'query',
        transport: 'http',
        outcome: 'error',
        durationSeconds: 0,
      });
    metrics.recordOperation({
      name: 'Dashboard',
      authenticated: true,
      type: 'query',
      transport: 'http',
      outcome: 'ok',
      durationSeconds: 0,
    });

    const samples = parseSamples(await metrics.render());
    const names = samples.filter((s) => s.name === 'gateway_graphql_operation_duration_seconds_count').map((s) => s.labels.operation_name);
    expect(names.sort()).toEqual(['Dashboard', 'unauthenticated']);
  });

  it('records Plaid calls by endpoint and outcome, and process metrics on its own registry', async () => {
    const first = new GatewayMetrics(silent);
    const second = new GatewayMetrics(silent);
    first.recordPlaidCall({ endpoint: 'transactionsSync', outcome: 'ok', durationSeconds: 0.2 });
    first.recordPlaidCall({ endpoint: 'transactionsSync', outcome: 'ITEM_LOGIN_REQUIRED', durationSeconds: 0.1 });
    // The CPU counter counts from its registry's creation, and the kernel accounts user time in
    // ticks: spin until this process has been charged some, or it may still read 0.
    const since = process.cpuUsage();
    while (process.cpuUsage(since).user === 0);

    const samples = parseSamples(await first.render());
    expect(sampleValue(samples, 'gateway_plaid_request_duration_seconds_count', { endpoint: 'transactionsSync', outcome: 'ok' })).toBe(1);
    expect(
      sampleValue(samples, 'gateway_plaid_request_duration_seconds_count', {
        endpoint: 'transactionsSync',
        outcome: 'ITEM_LOGIN_REQUIRED',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(
      sampleValue(parseSamples(await second.render()), 'gateway_plaid_request_duration_seconds_count', {
        endpoint: 'transactionsSync',
        outcome: 'ok',
      }),
    ).toBeUndefined();
  });
});
