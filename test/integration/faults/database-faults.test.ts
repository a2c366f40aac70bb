import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedCluster } from '../../support/embedded-cluster';
import { spawnGatewayBeside, type GatewayBeside } from '../../support/gateway-process';
import { accessTokenOf, callPlaid, eventually, linkItem, settled } from '../../support/linking';
import { postmasterPid, processTree } from '../../support/process-tree';
import { graphqlAt, newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import type { WebhookReceiver } from 'plaid-emulator';
import { deliverWebhook, startWebhookReceiver } from '../../support/webhook-receiver';

const ITEMS = '{ items { id } }';
const codesOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  response.errors?.map((error) => error.extensions?.code);

/** The database rows: a PostgreSQL frozen with SIGSTOP, and the gateway's own embedded PostgreSQL SIGKILLed. */
describe('database faults', () => {
  describe('a frozen PostgreSQL (SIGSTOP)', () => {
    let directory: string;
    let database: EmbeddedCluster;
    let gw: TestGateway;
    let receiver: WebhookReceiver;
    let frozen: number[] = [];

    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'gateway-frozen-pg-'));
      database = await EmbeddedCluster.start(path.join(directory, 'pgdata'));
      gw = await startTestGateway({
        DATABASE_URL: database.url,
        DATABASE_ACQUIRE_TIMEOUT_MS: '1000',
        DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      });
      receiver = await startWebhookReceiver();
    }, 120_000);

    afterAll(async () => {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      await receiver?.stop();
      await gw?.close();
      await database?.stop();
      await rm(directory, { recursive: true, force: true });
    });

    it("answers typed SERVICE_UNAVAILABLE, /readyz 503 and webhooks 503 within seconds, then serves again with Plaid's data", async () => {
      const token = await gw.tokenFor(newUserId());
      const item = await linkItem(gw, token);
      await settled(gw, [item.id]);
      // A genuine signed webhook, caught on its way so it can be delivered while the database is frozen.
      await callPlaid(gw, '/item/webhook/update', { access_token: await accessTokenOf(gw, item.id), webhook: receiver.url });
      await gw.graphql('mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: DEFAULT_UPDATE) }', {
        token,
        variables: { id: item.id },
      });
      const [webhook] = await receiver.waitFor(1, (w) => w.body.webhook_code === 'DEFAULT_UPDATE');
      await callPlaid(gw, '/item/webhook/update', {
        access_token: await accessTokenOf(gw, item.id),
        webhook: `${gw.config.publicUrl}/webhooks/plaid`,
      });
      const other = await gw.tokenFor(newUserId());
      expect(codesOf(await gw.graphql(ITEMS, { token: other }))).toBeUndefined();

      frozen = processTree(postmasterPid(path.join(directory, 'pgdata')));
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      const timed = async <T>(work: () => Promise<T>) => {
        const started = performance.now();
        const value = await work();
        return { value, seconds: (performance.now() - started) / 1000 };
      };
      const [query, ready, hook, health] = await Promise.all([
        timed(() => gw.graphql(ITEMS, { token: other })),
        timed(() =>
          fetch(`${gw.url}/readyz`).then(async (response) => ({
            status: response.status,
            body: (await response.json()) as Record<string, unknown>,
          })),
        ),
        timed(() => deliverWebhook(gw.url, webhook).then((response) => response.status)),
        timed(() => fetch(`${gw.url}/healthz`).then((response) => response.status)),
      ]);
      console.log(
        `frozen PostgreSQL: query ${String(codesOf(query.value))} after ${query.seconds.toFixed(1)} s, /readyz ${ready.value.status} after ${ready.seconds.toFixed(1)} s, ` +
          `webhook ${hook.value} after ${hook.seconds.toFixed(1)} s, /healthz ${health.value}`,
      );
      expect(codesOf(query.value)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(query.value.errors?.[0].extensions?.retryAfterSeconds).toEqual(expect.any(Number));
      expect(query.seconds).toBeLessThan(5);
      expect(ready.value).toEqual({
        status: 503,
        body: expect.objectContaining({ status: 'database_unreachable', dependencies: expect.objectContaining({ database: 'down' }) }),
      });
      expect(ready.seconds).toBeLessThan(4);
      expect(hook.value).toBe(503);
      expect(hook.seconds).toBeLessThan(6);
      // The database is not this process's own: it is alive, so liveness holds.
      expect(health.value).toBe(200);

      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
      await eventually(
        async () => (codesOf(await gw.graphql(ITEMS, { token: other })) === undefined ? true : undefined),
        20_000,
        'queries to work again',
      );
      expect([200]).toContain((await deliverWebhook(gw.url, webhook)).status);
      expect(
        codesOf(await gw.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } })),
      ).toBeUndefined();
      await settled(gw, [item.id]);
      const fromPlaid = await callPlaid<{ added: Array<{ transaction_id: string }> }>(gw, '/transactions/sync', {
        access_token: await accessTokenOf(gw, item.id),
        count: 500,
      });
      const stored: Array<{ plaid_transaction_id: string }> = await gw.gateway.dataSource.query(
        'SELECT plaid_transaction_id FROM transactions WHERE item_id = $1',
        [item.id],
      );
      expect(stored.map((row) => row.plaid_transaction_id).sort()).toEqual(fromPlaid.body.added.map((t) => t.transaction_id).sort());
    }, 90_000);
  });

  describe('the embedded PostgreSQL SIGKILLed', () => {
    let plaid: TestGateway;
    let spawned: GatewayBeside;
    let url: string;

    beforeAll(async () => {
      plaid = await startTestGateway({ REDIS_URL: '' });
      // No DATABASE_URL: the process starts, and owns, an embedded PostgreSQL in its DATA_DIR.
      spawned = await spawnGatewayBeside(plaid, {});
      url = spawned.url;
    }, 150_000);

    afterAll(async () => {
      await spawned?.close();
      await plaid?.close();
    });

    const transactions = async (token: string) => {
      const response = await graphqlAt(url)<{ transactions: { edges: Array<{ node: { plaidTransactionId: string } }> } }>(
        '{ transactions(first: 200) { edges { node { plaidTransactionId } } } }',
        { token },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.transactions.edges.map((edge) => edge.node.plaidTransactionId).sort();
    };

    it('fails /healthz while it is dead, restarts it and serves the same data again; exits non-zero when it cannot', async () => {
      const graphql = graphqlAt(url);
      const token = await plaid.tokenFor(newUserId());
      const item = await linkItem({ graphql }, token);
      expect(
        codesOf(await graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } })),
      ).toBeUndefined();
      const before = await transactions(token);
      expect(before.length).toBeGreaterThan(0);

      const pgdata = path.join(spawned.dataDir, 'postgres');
      const killedAt = Date.now();
      process.kill(postmasterPid(pgdata), 'SIGKILL');
      const sawDead = await eventually(
        async () => ((await fetch(`${url}/healthz`)).status === 503 ? true : undefined),
        5_000,
        '/healthz to fail',
      );
      await eventually(async () => ((await fetch(`${url}/healthz`)).status === 200 ? true : undefined), 30_000, '/healthz to recover');
      await eventually(
        async () => (codesOf(await graphql(ITEMS, { token })) === undefined ? true : undefined),
        20_000,
        'queries to work again',
      );
      console.log(
        `embedded PostgreSQL SIGKILLed: /healthz 503 seen=${sawDead}, serving again after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`,
      );
      expect(spawned.process.child.exitCode).toBeNull();
      expect(await transactions(token)).toEqual(before);
      const resync = await graphql<{ syncItem: { added: number } }>('mutation($id: ID!) { syncItem(itemId: $id) { added } }', {
        token,
        variables: { id: item.id },
      });
      expect(resync.errors).toBeUndefined();
      expect(resync.data!.syncItem.added).toBe(0);

      // Now it cannot come back: its data directory is gone. The process must leave, non-zero.
      const pid = postmasterPid(pgdata);
      await rename(pgdata, `${pgdata}.moved`);
      const lostAt = Date.now();
      process.kill(pid, 'SIGKILL');
      const exit = await spawned.process.exit;
      console.log(
        `embedded PostgreSQL unrecoverable: process exited with ${JSON.stringify(exit)} after ${((Date.now() - lostAt) / 1000).toFixed(1)} s`,
      );
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
    }, 120_000);
  });
});
