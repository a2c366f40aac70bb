import { performance } from 'node:perf_hooks';
import { Configuration, PlaidApi } from 'plaid';
import pino from 'pino';
import { startEmulator } from 'plaid-emulator';

/**
 * How fast the emulator serves `/transactions/sync` pages of 500 for a 100,000-transaction
 * Item, through the official client, over loopback only. Target: 30,000 transactions/s.
 * Client and emulator share this process, so the figure includes the client's parsing.
 */
const TRANSACTIONS = 100_000;
const PAGE_SIZE = 500;
const TARGET_PER_SECOND = 30_000;
/** Generous bound so a broken cursor can never loop forever. */
const MAX_PAGES = Math.ceil(TRANSACTIONS / PAGE_SIZE) * 2;
const CLIENT_ID = 'bench_client';
const SECRET = 'bench_secret';

async function main(): Promise<number> {
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    clientId: CLIENT_ID,
    secret: SECRET,
    seed: 'emulator-sync-bench',
    // Plaid allows 50 sync calls a minute per Item; the benchmark measures the server.
    rateLimits: false,
    logger: pino({ level: 'warn' }),
  });
  try {
    const item = await emulator.control.createItem({ transactions: TRANSACTIONS });
    const client = new PlaidApi(
      new Configuration({ basePath: emulator.url, baseOptions: { headers: { 'PLAID-CLIENT-ID': CLIENT_ID, 'PLAID-SECRET': SECRET } } }),
    );
    let cursor: string | undefined;
    let received = 0;
    let pages = 0;
    const started = performance.now();
    for (;;) {
      const { data } = await client.transactionsSync({ access_token: item.accessToken, cursor, count: PAGE_SIZE });
      received += data.added.length + data.modified.length + data.removed.length;
      cursor = data.next_cursor;
      pages++;
      if (!data.has_more) break;
      if (pages >= MAX_PAGES) throw new Error(`sync did not finish within ${MAX_PAGES} pages`);
    }
    const seconds = (performance.now() - started) / 1000;
    const perSecond = Math.round(received / seconds);
    const verdict = received === TRANSACTIONS && perSecond >= TARGET_PER_SECOND ? 'PASS' : 'FAIL';
    process.stdout.write(
      `emulator /transactions/sync: ${received} transactions in ${pages} pages of ${PAGE_SIZE}, ` +
        `${seconds.toFixed(2)} s total, ${perSecond} transactions/s (target ${TARGET_PER_SECOND}) ${verdict}\n`,
    );
    return verdict === 'PASS' ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`emulator sync bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
