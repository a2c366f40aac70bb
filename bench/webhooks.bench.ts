import { randomBytes } from 'node:crypto';
import { httpFloor } from './machine-floor';
import { fireWebhook, postWebhooks, startWebhookBench, waitForWebhooks } from './bench-support';

/**
 * Genuine webhooks (signed by the emulator exactly as Plaid signs them) POSTed to the gateway
 * as fast as it acks them: each is verified, stored once and carried out (these are status
 * webhooks: applied in the intake's own transaction) before the 200, beside a bare node:http
 * server answering the same POSTs from the same client in the same run.
 * Target: acks per second at least 0.3x the floor's.
 */
const ITEMS = 2_000;
const CODES = ['NEW_ACCOUNTS_AVAILABLE', 'LOGIN_REPAIRED'];
const CONCURRENCY = 32;
const TARGET_RATIO = 0.3;

async function inBatches<T, R>(values: T[], size: number, work: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < values.length; start += size)
    results.push(...(await Promise.all(values.slice(start, start + size).map(work))));
  return results;
}

async function main(): Promise<number> {
  const { emulator, capture, gateway, insertItems, stop } = await startWebhookBench('webhooks', {
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
  });
  try {
    // Items known to the gateway (so the webhooks are acted on, lightly), each with its own webhooks.
    const items = await inBatches(Array.from({ length: ITEMS }), 32, () =>
      emulator.control.createItem({ transactions: 1, webhook: capture.url }),
    );
    await insertItems(items.map((item) => item.itemId));
    for (const code of CODES) {
      await inBatches(items, 32, (item) => fireWebhook(emulator.url, item.accessToken, code));
    }
    const webhooks = await waitForWebhooks(capture.captured, CODES, ITEMS * CODES.length);

    const { seconds, perSecond, p50, p99 } = await postWebhooks(gateway.url, webhooks, CONCURRENCY);
    await gateway.stop();
    const floor = await httpFloor(webhooks, CONCURRENCY);
    const ratio = perSecond / floor.perSecond;
    const pass = ratio >= TARGET_RATIO;
    process.stdout.write(
      `webhooks: ${webhooks.length} genuine signed webhooks acked in ${seconds.toFixed(2)} s = ${perSecond}/s, ack p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
        `${CONCURRENCY} concurrent: ${ratio.toFixed(2)}x the floor's acks a second (target >= ${TARGET_RATIO}x) ${pass ? 'PASS' : 'FAIL'}\n` +
        `  machine floor: a bare node:http server answering the same POSTs from the same client: ${floor.perSecond}/s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms\n`,
    );
    return pass ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`webhook bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
