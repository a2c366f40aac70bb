import pino from 'pino';
import { syncSweepHandler } from '../../../src/workers/sync-sweep.handler';
import { accessTokenOf, callPlaid, completeHostedLink, eventually, openLink } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const EXCHANGE = 'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id plaidItemId status } }';

interface Exchanged {
  exchangePublicToken: { id: string; plaidItemId: string; status: string };
}

describe('the public-token exchange', () => {
  let gw: TestGateway;
  const plaidCalls: Array<{ endpoint: string; outcome: string }> = [];
  const removalsAtPlaid = () => plaidCalls.filter((call) => call.endpoint === 'itemRemove' && call.outcome === 'ok').length;
  const db = () => gw.gateway.dataSource;

  beforeAll(async () => {
    gw = await startTestGateway({}, { onPlaidCall: ({ endpoint, outcome }) => plaidCalls.push({ endpoint, outcome }) });
  });

  afterAll(async () => {
    await gw?.close();
  });

  /**
   * A login made at the emulator (with no webhook, so only the gateway's own jobs sync it) as a
   * session of a Link the user opened, ready for Link's exchange.
   */
  const newLogin = async (token: string, linkToken?: string) =>
    gw.emulator.createItem({ institutionId: 'ins_109508', linkToken: linkToken ?? (await openLink(gw, token)) });

  const itemsOf = async (userId: string) =>
    (await db().query('SELECT id FROM items WHERE user_id = $1', [userId])).map((row: { id: string }) => row.id) as string[];

  it('item 3: a failure after the insert leaves the Item stored, its access token live at Plaid, and the sweep syncs it', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const login = await newLogin(token);
    const schema = gw.config.jobs.schema;
    // The job queue refuses the first sync's job: a real failure of the queue's own insert, after the Item committed.
    await db().query(
      `CREATE FUNCTION "${schema}".refuse_sync_jobs() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN IF NEW.name = 'transactions-sync' THEN RAISE EXCEPTION 'job queue refuses sync jobs'; END IF; RETURN NEW; END $$`,
    );
    await db().query(
      `CREATE TRIGGER refuse_sync_jobs BEFORE INSERT ON "${schema}".job FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_sync_jobs()`,
    );
    const removalsBefore = removalsAtPlaid();
    let answer;
    try {
      answer = await gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: login.publicToken } });
    } finally {
      await db().query(`DROP TRIGGER refuse_sync_jobs ON "${schema}".job`);
      await db().query(`DROP FUNCTION "${schema}".refuse_sync_jobs()`);
    }
    // The Item is stored, and Plaid still knows it: its token was not removed there.
    const [row]: Array<{ id: string; status: string; last_synced_at: Date | null }> = await db().query(
      'SELECT id, status, last_synced_at FROM items WHERE user_id = $1',
      [userId],
    );
    expect(row).toMatchObject({ status: 'ACTIVE', last_synced_at: null });
    const stored = await accessTokenOf(gw, row.id);
    expect(stored).toBe(login.accessToken);
    const atPlaid = await callPlaid<{ item: { item_id: string } }>(gw, '/item/get', { access_token: stored });
    expect(atPlaid.status).toBe(200);
    expect(atPlaid.body.item.item_id).toBe(login.itemId);
    expect(removalsAtPlaid()).toBe(removalsBefore);
    // The client is answered with its Item; the missing job is only logged.
    expect(answer.errors).toBeUndefined();
    const item = answer.data!.exchangePublicToken;
    expect(item).toEqual({ id: row.id, plaidItemId: login.itemId, status: 'ACTIVE' });
    expect(gw.logs.some((line) => line.msg === 'first sync not queued; the sync sweep will run it')).toBe(true);

    // Nothing else queues a sync for it: the sweep does, because it never synced.
    const queued: unknown[] = await db().query(`SELECT 1 FROM "${schema}".job WHERE name = 'transactions-sync' AND data->>'itemId' = $1`, [
      item.id,
    ]);
    expect(queued).toEqual([]);
    await syncSweepHandler(gw.gateway.services.items, gw.gateway.jobs, gw.config.jobs.staleAfterMinutes, pino({ level: 'silent' }))();
    await eventually(
      async () => {
        const [synced]: Array<{ last_synced_at: Date | null }> = await db().query('SELECT last_synced_at FROM items WHERE id = $1', [
          item.id,
        ]);
        return synced.last_synced_at ?? undefined;
      },
      15_000,
      'the sweep to sync the Item',
    );
    const [{ count }]: Array<{ count: string }> = await db().query('SELECT count(*) FROM transactions WHERE item_id = $1', [item.id]);
    expect(Number(count)).toBeGreaterThan(0);
  });

  it('item 3: the same public token exchanged again answers the same Item; another user, or a token Plaid never issued, is refused', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const login = await newLogin(token);
    const first = await gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: login.publicToken } });
    expect(first.errors).toBeUndefined();
    const retried = await gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: login.publicToken } });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.exchangePublicToken).toEqual(first.data!.exchangePublicToken);
    expect(await itemsOf(userId)).toEqual([first.data!.exchangePublicToken.id]);

    const otherUser = newUserId();
    const stolen = await gw.graphql(EXCHANGE, { token: await gw.tokenFor(otherUser), variables: { t: login.publicToken } });
    expect(stolen.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });
    expect(await itemsOf(otherUser)).toEqual([]);
    const garbage = await gw.graphql(EXCHANGE, { token, variables: { t: 'public-sandbox-not-a-token' } });
    expect(garbage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });

    // The Item the retry answered is the one Plaid knows, alive.
    const atPlaid = await callPlaid(gw, '/item/get', { access_token: await accessTokenOf(gw, first.data!.exchangePublicToken.id) });
    expect(atPlaid.status).toBe(200);
  });

  it('item 3: a public token from update mode, for an Item already stored, answers that Item and leaves it alive at Plaid', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const linked = await gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: (await newLogin(token)).publicToken } });
    const item = linked.data!.exchangePublicToken;
    /** Link in update mode for the stored Item, as a person signing in again: onSuccess hands the page a public token. */
    const updateModeToken = async () => {
      const relink = await gw.graphql<{ createRelinkToken: { linkToken: string } }>(
        'mutation($id: ID!) { createRelinkToken(itemId: $id) { linkToken } }',
        { token, variables: { id: item.id } },
      );
      return completeHostedLink(gw, relink.data!.createRelinkToken.linkToken);
    };
    const removalsBefore = removalsAtPlaid();

    const again = await gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: await updateModeToken() } });
    expect(again.errors).toBeUndefined();
    expect(again.data!.exchangePublicToken.id).toBe(item.id);
    const stranger = await gw.graphql(EXCHANGE, { token: await gw.tokenFor(newUserId()), variables: { t: await updateModeToken() } });
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });

    expect(removalsAtPlaid()).toBe(removalsBefore);
    expect(await itemsOf(userId)).toEqual([item.id]);
    const atPlaid = await callPlaid(gw, '/item/get', { access_token: await accessTokenOf(gw, item.id) });
    expect(atPlaid.status).toBe(200);
  });

  it('item 4: 20 concurrent exchanges of the same accounts link one Item; the other 19 are refused as duplicates and removed at Plaid', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    // One Link the user opened, whose 20 sessions each made a login.
    const linkToken = await openLink(gw, token);
    const logins = await Promise.all(Array.from({ length: 20 }, () => newLogin(token, linkToken)));
    const removalsBefore = removalsAtPlaid();

    const answers = await Promise.all(
      logins.map((login) => gw.graphql<Exchanged>(EXCHANGE, { token, variables: { t: login.publicToken } })),
    );

    const linked = answers.filter((answer) => answer.data?.exchangePublicToken);
    expect(linked).toHaveLength(1);
    const winner = linked[0].data!.exchangePublicToken;
    const refused = answers.filter((answer) => answer.errors);
    expect(refused).toHaveLength(19);
    for (const answer of refused) {
      expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken', duplicateOfItemId: winner.id });
    }
    expect(await itemsOf(userId)).toEqual([winner.id]);

    expect(removalsAtPlaid()).toBe(removalsBefore + 19);
    const atPlaid = await Promise.all(logins.map((login) => callPlaid(gw, '/item/get', { access_token: login.accessToken })));
    const live = logins.filter((_, index) => atPlaid[index].status === 200).map((login) => login.itemId);
    expect(live).toEqual([winner.plaidItemId]);
  });
});
