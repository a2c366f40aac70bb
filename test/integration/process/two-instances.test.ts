import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatEncryptionKeys } from '../../../src/config/encryption-keys';
import { bareEnv, freePort, spawnGateway, type GatewayProcess } from '../../support/gateway-process';
import { eventually, linkItem } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../support/test-gateway';

const redisUrl = process.env.REDIS_URL;

// Fan-out across instances needs Redis; `npm test` on a bare machine has none (CI sets REDIS_URL).
(redisUrl ? describe : describe.skip)('two gateway processes sharing PostgreSQL and Redis', () => {
  let a: TestGateway;
  let b: GatewayProcess;
  let bUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    a = await startTestGateway();
    dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-b-'));
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnGateway(
      bareEnv({
        PORT: String(port),
        PUBLIC_URL: bUrl,
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        REDIS_URL: redisUrl!,
        PLAID_BASE_URL: a.gateway.plaidBaseUrl!,
        PLAID_CLIENT_ID: a.config.plaid.clientId,
        PLAID_SECRET: a.config.plaid.secret,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        TOKEN_ENCRYPTION_KEYS: formatEncryptionKeys(a.config.tokenEncryptionKeys!),
        JOB_QUEUE_SCHEMA: a.config.jobs.schema,
      }),
    );
    await b.waitForOutput(/GraphQL: +http/, 60_000);
  });

  afterAll(async () => {
    b.child.kill('SIGTERM');
    await b.exit;
    await a.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers an event raised on one instance to a subscriber connected to the other', async () => {
    const userId = newUserId();
    const token = await a.tokenFor(userId);
    const item = await linkItem(a, token);
    await eventually(async () => ((await a.gateway.dataSource.query('SELECT last_synced_at FROM items WHERE id = $1', [item.id]))[0].last_synced_at ? true : undefined));

    const onB = await subscribe(`${bUrl.replace('http', 'ws')}/graphql`, token, 'subscription($id: ID) { transactionsSynced(itemId: $id) { item { id } added } }', { id: item.id });
    try {
      // syncItem publishes from the instance that ran it: A.
      const synced = await a.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } });
      expect(synced.errors).toBeUndefined();
      expect((await onB.next(10_000)).data).toEqual({ transactionsSynced: { item: { id: item.id }, added: 0 } });
    } finally {
      await onB.close();
    }
  });

  it('lets either instance act on a webhook received by one of them, and every subscriber hear of it', async () => {
    const token = await a.tokenFor(newUserId());
    const item = await linkItem(a, token);
    const onB = await subscribe(`${bUrl.replace('http', 'ws')}/graphql`, token, 'subscription($id: ID) { itemStatusChanged(itemId: $id) { status reason } }', { id: item.id });
    const onA = await subscribe(a.wsUrl, token, 'subscription($id: ID) { itemStatusChanged(itemId: $id) { status reason } }', { id: item.id });
    try {
      await a.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } });
      const expected = { itemStatusChanged: { status: 'LOGIN_REQUIRED', reason: 'ITEM_LOGIN_REQUIRED' } };
      expect((await onB.next(10_000)).data).toEqual(expected);
      expect((await onA.next(10_000)).data).toEqual(expected);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });
});
