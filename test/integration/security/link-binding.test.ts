import { completeHostedLink, openLink } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const EXCHANGE = 'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }';
const SANDBOX_PUBLIC_TOKEN = 'mutation { sandboxCreatePublicToken { publicToken } }';
/** An exchange asks Plaid about at most this many of the user's link tokens. */
const CHECKED = 2;

describe('issue 22 item 13: a public token is exchanged only for the user who opened its Link', () => {
  let gw: TestGateway;
  const plaidCalls: string[] = [];
  const callsDuring = async (action: () => Promise<unknown>) => {
    const before = plaidCalls.length;
    await action();
    return plaidCalls.slice(before);
  };

  beforeAll(async () => {
    gw = await startTestGateway(
      { LINK_TOKENS_CHECKED_PER_EXCHANGE: String(CHECKED) },
      { onPlaidCall: ({ endpoint }) => plaidCalls.push(endpoint) },
    );
  });

  afterAll(async () => {
    await gw?.close();
  });

  const sql = <T>(text: string, values: unknown[]) => gw.gateway.dataSource.query<T[]>(text, values);
  const itemsOf = async (userId: string) => (await sql<{ id: string }>('SELECT id FROM items WHERE user_id = $1', [userId])).length;
  const exchange = (token: string, publicToken: string) =>
    gw.graphql<{ exchangePublicToken: { id: string } }>(EXCHANGE, { token, variables: { t: publicToken } });
  /** What a token Plaid never issued is answered: a refused token must read the same, so a thief learns nothing. */
  const garbageAnswer = async (token: string) => (await exchange(token, 'public-sandbox-00000000-0000-0000-0000-000000000000')).errors?.[0];

  it("issue 22 item 13: another user's exchange of a leaked public token is refused and changes nothing; the owner's then succeeds", async () => {
    const victim = newUserId('victim');
    const thief = newUserId('thief');
    const victimToken = await gw.tokenFor(victim);
    const thiefToken = await gw.tokenFor(thief);
    // The victim opens Link and completes it: the page hands over a public token, which leaks.
    const leaked = await completeHostedLink(gw, await openLink(gw, victimToken));

    let stolen;
    const thiefCalls = await callsDuring(async () => {
      stolen = await exchange(thiefToken, leaked);
    });
    const refusal = stolen!.errors?.[0];
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });
    expect(refusal?.message).toBe((await garbageAnswer(thiefToken))?.message);
    expect(stolen!.data).toBeNull();
    // Nothing was exchanged, removed or stored.
    expect(thiefCalls).not.toContain('itemPublicTokenExchange');
    expect(thiefCalls).not.toContain('itemRemove');
    const thiefItems = await itemsOf(thief);
    expect(thiefItems).toBe(0);

    const owned = await exchange(victimToken, leaked);
    expect(owned.errors).toBeUndefined();
    const victimItems = await itemsOf(victim);
    expect(victimItems).toBe(1);
    console.log(
      `issue 22 item 13: another user's exchange of a leaked public token -> ${String(refusal?.extensions?.code)}, ` +
        `items stored for the thief: ${thiefItems}, Plaid exchange calls for the thief: ${thiefCalls.filter((c) => c === 'itemPublicTokenExchange').length}; ` +
        `the owner's exchange afterwards -> ${owned.errors ? 'refused' : 'linked'}, items stored for the owner: ${victimItems}`,
    );
  });

  it('issue 22 item 13: a sandbox public token is bound to the caller who created it, kept only as its SHA-256', async () => {
    const owner = newUserId('owner');
    const other = newUserId('other');
    const ownerToken = await gw.tokenFor(owner);
    const created = await gw.graphql<{ sandboxCreatePublicToken: { publicToken: string } }>(SANDBOX_PUBLIC_TOKEN, { token: ownerToken });
    const publicToken = created.data!.sandboxCreatePublicToken.publicToken;
    const [kept] = await sql<{ public_token_sha256: string }>('SELECT public_token_sha256 FROM issued_public_tokens WHERE user_id = $1', [
      owner,
    ]);
    expect(kept.public_token_sha256).toMatch(/^[0-9a-f]{64}$/);

    let refused;
    const otherCalls = await callsDuring(async () => {
      refused = await exchange(await gw.tokenFor(other), publicToken);
    });
    expect(refused!.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });
    expect(otherCalls).not.toContain('itemPublicTokenExchange');
    expect(await itemsOf(other)).toBe(0);

    const linked = await exchange(ownerToken, publicToken);
    expect(linked.errors).toBeUndefined();
    // Idempotent for its owner still: the same token again answers the same Item.
    const again = await exchange(ownerToken, publicToken);
    expect(again.data).toEqual(linked.data);
    expect(await itemsOf(owner)).toBe(1);
    console.log(
      `issue 22 item 13: another user's exchange of a sandbox public token -> ${String(refused!.errors?.[0].extensions?.code)}, items: ${await itemsOf(other)}; its creator's -> linked`,
    );
  });

  it('issue 22 item 13: link tokens are kept sealed, and an exchange asks Plaid about at most LINK_TOKENS_CHECKED_PER_EXCHANGE of the newest', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const firstLink = await openLink(gw, token);
    const fromFirstLink = await completeHostedLink(gw, firstLink);
    // The user opens Link twice more without finishing: the first Link is now past the newest CHECKED.
    for (let i = 0; i < CHECKED; i++) await openLink(gw, token);

    const rows = await sql<{ link_token_ciphertext: Buffer }>('SELECT link_token_ciphertext FROM issued_link_tokens WHERE user_id = $1', [
      userId,
    ]);
    expect(rows).toHaveLength(CHECKED);
    expect(rows.every((row) => !row.link_token_ciphertext.toString('latin1').includes('link-sandbox'))).toBe(true);

    let answer;
    const calls = await callsDuring(async () => {
      answer = await exchange(token, fromFirstLink);
    });
    expect(answer!.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicToken' });
    const linkTokenGets = calls.filter((call) => call === 'linkTokenGet').length;
    expect(linkTokenGets).toBe(CHECKED);
    expect(calls).not.toContain('itemPublicTokenExchange');
    console.log(
      `issue 22 item 13: an exchange with ${CHECKED + 1} link tokens opened asked Plaid's /link/token/get ${linkTokenGets} times (LINK_TOKENS_CHECKED_PER_EXCHANGE=${CHECKED})`,
    );

    // A Link opened again works: its public token is found with one call.
    const fresh = await completeHostedLink(gw, await openLink(gw, token));
    const freshCalls = await callsDuring(async () => {
      answer = await exchange(token, fresh);
    });
    expect(answer!.errors).toBeUndefined();
    expect(freshCalls.filter((call) => call === 'linkTokenGet')).toHaveLength(1);
  });

  it('issue 22 item 13: a link token past its use is not consulted, and the retention job deletes it', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const publicToken = await completeHostedLink(gw, await openLink(gw, token));
    await sql(`UPDATE issued_link_tokens SET exchangeable_until = now() - interval '1 second' WHERE user_id = $1`, [userId]);

    let answer;
    const calls = await callsDuring(async () => {
      answer = await exchange(token, publicToken);
    });
    expect(answer!.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(calls).toEqual([]);

    const pruned = await gw.gateway.services.retention.prune();
    expect(pruned.linkTokens).toBeGreaterThanOrEqual(1);
    expect(await sql('SELECT 1 FROM issued_link_tokens WHERE user_id = $1', [userId])).toEqual([]);
  });
});
