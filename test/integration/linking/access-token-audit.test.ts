import { accessTokenOf, eventually, linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const ACCESS_TOKEN = /access-(sandbox|development|production)-[0-9a-f-]{36}/;

describe('access tokens never appear in clear', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ LOG_LEVEL: 'trace' });
  });

  afterAll(async () => {
    await gw.close();
  });

  it('after a full link / relink / remove cycle, in no table and no log line', async () => {
    const token = await gw.tokenFor(newUserId());
    const kept = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    const cycled = await linkItem(gw, token, { institutionId: 'ins_109509' });
    const tokens = [await accessTokenOf(gw, kept.id), await accessTokenOf(gw, cycled.id)];
    await eventually(async () =>
      (
        await gw.gateway.dataSource.query(
          'SELECT count(*)::int AS n FROM items WHERE id = ANY($1::uuid[]) AND last_synced_at IS NOT NULL',
          [[kept.id, cycled.id]],
        )
      )[0].n === 2
        ? true
        : undefined,
    );

    const mutate = (query: string, id: string) => gw.graphql(query, { token, variables: { id } });
    await mutate('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', cycled.id);
    await mutate('mutation($id: ID!) { createRelinkToken(itemId: $id) { linkToken } }', cycled.id);
    await mutate('mutation($id: ID!) { completeRelink(itemId: $id) { status } }', cycled.id);
    await mutate('mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: LOGIN_REPAIRED) }', cycled.id);
    expect((await mutate('mutation($id: ID!) { completeRelink(itemId: $id) { status } }', cycled.id)).data).toEqual({
      completeRelink: { status: 'ACTIVE' },
    });
    await mutate('mutation($id: ID!) { syncItem(itemId: $id) { added } }', kept.id);
    expect((await mutate('mutation($id: ID!) { removeItem(itemId: $id) { removed } }', cycled.id)).data).toEqual({
      removeItem: { removed: true },
    });
    await gw.emulator.flushWebhooks();

    // Every row of every table the gateway writes, the job queue's included, as text.
    const tables: Array<{ schema: string; name: string }> = await gw.gateway.dataSource.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', $1)`,
      [gw.config.jobs.schema],
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['items', 'webhook_events', 'job']));
    let dump = '';
    for (const { schema, name } of tables) {
      const rows: Array<{ row: string }> = await gw.gateway.dataSource.query(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump.length).toBeGreaterThan(10_000);
    const logs = gw.rawLogs();
    expect(logs.length).toBeGreaterThan(10_000);
    for (const accessToken of tokens) {
      expect(dump).not.toContain(accessToken);
      expect(logs).not.toContain(accessToken);
    }
    expect(dump).not.toMatch(ACCESS_TOKEN);
    expect(logs).not.toMatch(ACCESS_TOKEN);
    expect(logs).not.toContain(gw.config.plaid.secret);
  });
});
