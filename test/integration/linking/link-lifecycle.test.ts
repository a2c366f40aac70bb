import { daysAgo } from '../../support/dates';
import { ItemEntity } from '../../../src/entities/item.entity';
import { accessTokenOf, callPlaid, eventually, linkItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const ITEM_FIELDS = 'id plaidItemId status institutionId institutionName products error { code } newAccountsAvailable lastSyncedAt';

describe('linking lifecycle over GraphQL', () => {
  let gw: TestGateway;
  const plaidCalls: Array<{ endpoint: string; outcome: string }> = [];

  beforeAll(async () => {
    gw = await startTestGateway({}, { onPlaidCall: ({ endpoint, outcome }) => plaidCalls.push({ endpoint, outcome }) });
  });

  afterAll(async () => {
    await gw.close();
  });

  it('creates a fresh Link token on every call', async () => {
    const token = await gw.tokenFor(newUserId());
    const mutation = 'mutation { createLinkToken(input: { products: [TRANSACTIONS, AUTH], language: "fr" }) { linkToken expiration } }';
    const [first, second] = await Promise.all([gw.graphql(mutation, { token }), gw.graphql(mutation, { token })]);
    const a = (first.data as { createLinkToken: { linkToken: string; expiration: string } }).createLinkToken;
    const b = (second.data as { createLinkToken: { linkToken: string } }).createLinkToken;
    expect(a.linkToken).toMatch(/^link-sandbox-/);
    expect(a.linkToken).not.toBe(b.linkToken);
    const hours = (new Date(a.expiration).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
  });

  it.each([
    ['language: "klingon"', 'language'],
    ['countryCodes: ["ZZ"]', 'countryCodes'],
    ['redirectUri: "http://evil.example.com/cb"', 'redirectUri'],
    ['androidPackageName: "not a package"', 'androidPackageName'],
  ])('refuses Link settings %s as BAD_USER_INPUT', async (argument, field) => {
    const token = await gw.tokenFor(newUserId());
    const response = await gw.graphql(`mutation { createLinkToken(input: { ${argument} }) { linkToken } }`, { token });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('exchanges a public token: the Item is stored, its accounts read, and its first sync runs in the background', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token);
    expect(item.status).toBe('ACTIVE');
    const read = await gw.graphql<{ item: Record<string, unknown> }>(`query($id: ID!) { item(id: $id) { ${ITEM_FIELDS} } }`, {
      token,
      variables: { id: item.id },
    });
    expect(read.data?.item).toMatchObject({
      institutionId: 'ins_109508',
      institutionName: 'First Platypus Bank',
      products: expect.arrayContaining(['transactions']),
      error: null,
    });
    const synced = await eventually(
      async () => {
        const answer = await gw.graphql<{ item: { lastSyncedAt: string | null } }>('query($id: ID!) { item(id: $id) { lastSyncedAt } }', {
          token,
          variables: { id: item.id },
        });
        return answer.data?.item.lastSyncedAt ?? undefined;
      },
      15_000,
      'the first sync',
    );
    expect(new Date(synced).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const accounts: Array<{ count: string }> = await gw.gateway.dataSource.query('SELECT count(*) FROM accounts WHERE item_id = $1', [
      item.id,
    ]);
    expect(Number(accounts[0].count)).toBeGreaterThan(3);
  });

  it('answers a replayed public token with the Item it linked, refuses a garbage one, and stores nothing more', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const created = await gw.graphql<{ sandboxCreatePublicToken: { publicToken: string } }>(
      'mutation { sandboxCreatePublicToken { publicToken } }',
      { token },
    );
    const publicToken = created.data!.sandboxCreatePublicToken.publicToken;
    const exchange = 'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }';
    const first = await gw.graphql(exchange, { token, variables: { t: publicToken } });
    expect(first.errors).toBeUndefined();
    const replay = await gw.graphql(exchange, { token, variables: { t: publicToken } });
    expect(replay).toMatchObject({ data: first.data });
    expect(replay.errors).toBeUndefined();
    const garbage = await gw.graphql(exchange, { token, variables: { t: 'public-sandbox-not-a-token' } });
    expect(garbage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const rows: Array<{ count: string }> = await gw.gateway.dataSource.query('SELECT count(*) FROM items WHERE user_id = $1', [userId]);
    expect(rows[0].count).toBe('1');
  });

  it('refuses linking the same institution and accounts twice, and removes the duplicate at Plaid', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const first = await linkItem(gw, token);
    const removalsBefore = plaidCalls.filter((call) => call.endpoint === 'itemRemove' && call.outcome === 'ok').length;
    const error = await linkItem(gw, token).catch((e: Error) => e.message);
    expect(error).toContain('BAD_USER_INPUT');
    expect(error).toContain(first.id);
    expect(plaidCalls.filter((call) => call.endpoint === 'itemRemove' && call.outcome === 'ok').length).toBe(removalsBefore + 1);
    const rows: Array<{ count: string }> = await gw.gateway.dataSource.query('SELECT count(*) FROM items WHERE user_id = $1', [userId]);
    expect(rows[0].count).toBe('1');
    // Another institution is another Item.
    await expect(linkItem(gw, token, { institutionId: 'ins_109509' })).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('relinks: a still-broken Item stays LOGIN_REQUIRED; once Plaid says it works, it is ACTIVE again', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    expect((await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } })).data).toEqual(
      { sandboxResetLogin: true },
    );

    const relinkToken = await gw.graphql<{ createRelinkToken: { linkToken: string; expiration: string } }>(
      'mutation($id: ID!) { createRelinkToken(itemId: $id, input: { accountSelection: true }) { linkToken expiration } }',
      { token, variables: { id: item.id } },
    );
    expect(relinkToken.data?.createRelinkToken.linkToken).toMatch(/^link-sandbox-/);
    const minutes = (new Date(relinkToken.data!.createRelinkToken.expiration).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeLessThanOrEqual(30);

    const stillBroken = await gw.graphql('mutation($id: ID!) { completeRelink(itemId: $id) { status } }', {
      token,
      variables: { id: item.id },
    });
    expect(stillBroken.errors?.[0].extensions).toMatchObject({ code: 'ITEM_LOGIN_REQUIRED', itemId: item.id });
    const status = await gw.graphql<{ item: { status: string; error: { code: string } } }>(
      'query($id: ID!) { item(id: $id) { status error { code } } }',
      { token, variables: { id: item.id } },
    );
    expect(status.data?.item).toEqual({ status: 'LOGIN_REQUIRED', error: { code: 'ITEM_LOGIN_REQUIRED' } });

    // The user fixes the login at the bank (Plaid's LOGIN_REPAIRED); only then does the relink succeed.
    await gw.graphql('mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: LOGIN_REPAIRED) }', { token, variables: { id: item.id } });
    const healed = await gw.graphql<{ completeRelink: { status: string; error: null } }>(
      'mutation($id: ID!) { completeRelink(itemId: $id) { status error { code } } }',
      {
        token,
        variables: { id: item.id },
      },
    );
    expect(healed.errors).toBeUndefined();
    expect(healed.data?.completeRelink).toEqual({ status: 'ACTIVE', error: null });
  });

  it('removes an Item at Plaid and everything of it here', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const removed = await gw.graphql('mutation($id: ID!) { removeItem(itemId: $id) { itemId removed } }', {
      token,
      variables: { id: item.id },
    });
    expect(removed.errors).toBeUndefined();
    expect(removed.data).toEqual({ removeItem: { itemId: item.id, removed: true } });
    for (const table of ['items', 'accounts', 'transactions']) {
      const column = table === 'items' ? 'id' : 'item_id';
      const rows: Array<{ count: string }> = await gw.gateway.dataSource.query(`SELECT count(*) FROM ${table} WHERE ${column} = $1`, [
        item.id,
      ]);
      expect(rows[0].count).toBe('0');
    }
    expect((await gw.graphql('query($id: ID!) { item(id: $id) { id } }', { token, variables: { id: item.id } })).data).toEqual({
      item: null,
    });
  });

  it('cleans up an Item that is already gone at Plaid', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const accessToken = await accessTokenOf(gw, item.id);
    const response = await callPlaid(gw, '/item/remove', { access_token: accessToken });
    expect(response.status).toBe(200);
    const removed = await gw.graphql('mutation($id: ID!) { removeItem(itemId: $id) { removed } }', { token, variables: { id: item.id } });
    expect(removed.errors).toBeUndefined();
    expect(removed.data).toEqual({ removeItem: { removed: true } });
    const rows: Array<{ count: string }> = await gw.gateway.dataSource.query('SELECT count(*) FROM items WHERE id = $1', [item.id]);
    expect(rows[0].count).toBe('0');
  });

  it('moves Items to a new PUBLIC_URL with /item/webhook/update', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await gw.gateway.dataSource.query(`UPDATE items SET webhook_url = 'https://old-host.example.com/webhooks/plaid' WHERE id = $1`, [
      item.id,
    ]);
    const result = await gw.gateway.services.webhookUrls.run();
    expect(result.moved).toBeGreaterThanOrEqual(1);
    const row = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: item.id });
    expect(row.webhookUrl).toBe(`${gw.config.publicUrl}/webhooks/plaid`);
    const atPlaid = await callPlaid<{ item: { webhook: string } }>(gw, '/item/get', { access_token: await accessTokenOf(gw, item.id) });
    expect(atPlaid.body.item.webhook).toBe(`${gw.config.publicUrl}/webhooks/plaid`);
  });

  it("answers every mutation on another user's Item with NOT_FOUND and changes nothing", async () => {
    const owner = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, owner);
    const stranger = await gw.tokenFor(newUserId());
    await eventually(
      async () =>
        (await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: item.id })).lastSyncedAt ? true : undefined,
      15_000,
      'the first sync',
    );
    const before = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: item.id });
    const mutations = [
      'mutation($id: ID!) { createRelinkToken(itemId: $id) { linkToken } }',
      'mutation($id: ID!) { completeRelink(itemId: $id) { id } }',
      'mutation($id: ID!) { removeItem(itemId: $id) { removed } }',
      'mutation($id: ID!) { syncItem(itemId: $id) { added } }',
      'mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: SYNC_UPDATES_AVAILABLE) }',
      'mutation($id: ID!) { sandboxResetLogin(itemId: $id) }',
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 1, description: "x", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
    ];
    for (const mutation of mutations) {
      const response = await gw.graphql(mutation, { token: stranger, variables: { id: item.id } });
      expect({ mutation, code: response.errors?.[0].extensions?.code }).toEqual({ mutation, code: 'NOT_FOUND' });
      expect(JSON.stringify(response.data ?? null)).not.toContain('true');
    }
    const after = await gw.gateway.dataSource.getRepository(ItemEntity).findOneByOrFail({ id: item.id });
    expect({ ...after, updatedAt: null, lastSyncedAt: null }).toEqual({ ...before, updatedAt: null, lastSyncedAt: null });
    expect((await gw.graphql('query($id: ID!) { item(id: $id) { id } }', { token: stranger, variables: { id: item.id } })).data).toEqual({
      item: null,
    });
  });
});

describe('sandbox controls against Plaid production', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  it('refuses every sandbox control with SANDBOX_ONLY', async () => {
    const production = await startTestGateway({
      PLAID_ENV: 'production',
      PLAID_CLIENT_ID: gw.config.plaid.clientId,
      PLAID_SECRET: gw.config.plaid.secret,
      PLAID_BASE_URL: gw.gateway.plaidBaseUrl!,
    });
    try {
      const token = await production.tokenFor(newUserId());
      const item = await linkItem(gw, await gw.tokenFor(newUserId()));
      for (const mutation of [
        'mutation { sandboxCreatePublicToken { publicToken } }',
        'mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: DEFAULT_UPDATE) }',
        'mutation($id: ID!) { sandboxResetLogin(itemId: $id) }',
        `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 1, description: "x", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      ]) {
        const response = await production.graphql(mutation, { token, variables: { id: item.id } });
        expect({ mutation, code: response.errors?.[0].extensions?.code }).toEqual({ mutation, code: 'SANDBOX_ONLY' });
      }
    } finally {
      await production.close();
    }
  });
});
