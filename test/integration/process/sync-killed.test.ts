import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startEmulator, type RunningEmulator } from 'plaid-emulator';
import { issueToken } from '../../../src/auth/token-issuer';
import { bareEnv, freePort, spawnGateway, type GatewayProcess } from '../../support/gateway-process';
import { eventually } from '../../support/linking';
import { newUserId, TEST_JWT_SECRET } from '../../support/test-gateway';

const READY = /GraphQL: +(http\S+)/;

describe('a gateway killed in the middle of a sync', () => {
  let emulator: RunningEmulator;
  let db: Client;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let url: string;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      clientId: 'kill_client',
      secret: 'kill_secret',
      rateLimits: false,
      logger: pino({ level: 'silent' }),
    });
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-kill-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = bareEnv({
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      PLAID_BASE_URL: emulator.url,
      PLAID_CLIENT_ID: 'kill_client',
      PLAID_SECRET: 'kill_secret',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: `kill:${randomBytes(32).toString('base64')}`,
      JOB_QUEUE_SCHEMA: `pgboss_kill_${randomBytes(3).toString('hex')}`,
    });
  });

  afterAll(async () => {
    await db?.end();
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const graphql = async (token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
  };

  const start = async (): Promise<GatewayProcess> => {
    const gateway = spawnGateway(env);
    await gateway.waitForOutput(READY, 60_000);
    return gateway;
  };

  it('leaves the old cursor and no rows, and the next sync after a restart brings in everything once', async () => {
    const token = await issueToken(TEST_JWT_SECRET, {}, newUserId());
    let gateway = await start();
    // The Item is a session of a Link the user opened: only then is its public token theirs to exchange.
    const opened = await graphql(token, 'mutation { createLinkToken { linkToken } }', {});
    const created = await emulator.control.createItem({ transactions: 3_000, linkToken: opened.data!.createLinkToken.linkToken as string });
    await emulator.control.addLatency({ endpoint: '/transactions/sync', ms: 300 });
    const exchanged = await graphql(token, 'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }', {
      t: created.publicToken,
    });
    const itemId = exchanged.data!.exchangePublicToken.id as string;
    // The first sync (six pages of 500, 300 ms each) is under way in the background: kill the process mid-walk.
    await new Promise((resolve) => setTimeout(resolve, 900));
    gateway.child.kill('SIGKILL');
    await gateway.exit;

    const [item] = (await db.query('SELECT transactions_cursor, last_synced_at FROM items WHERE id = $1', [itemId])).rows;
    expect(item).toEqual({ transactions_cursor: null, last_synced_at: null });
    expect((await db.query('SELECT count(*)::int AS n FROM transactions WHERE item_id = $1', [itemId])).rows[0].n).toBe(0);

    await emulator.control.clearFaults();
    gateway = await start();
    try {
      const synced = await eventually(
        async () => {
          const answer = await graphql(token, 'mutation($id: ID!) { syncItem(itemId: $id) { added } }', { id: itemId });
          return answer.data ? answer : undefined;
        },
        30_000,
        'a sync after the restart',
      );
      expect(synced.errors).toBeUndefined();
      const counts = (
        await db.query('SELECT count(*)::int AS n, count(DISTINCT plaid_transaction_id)::int AS d FROM transactions WHERE item_id = $1', [
          itemId,
        ])
      ).rows[0];
      expect(counts.n).toBe(counts.d);
      expect(counts.n).toBeGreaterThan(2_900);
      const [after] = (await db.query('SELECT transactions_cursor FROM items WHERE id = $1', [itemId])).rows;
      expect(after.transactions_cursor).not.toBeNull();
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exit;
    }
  });
});
