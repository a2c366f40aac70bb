import type { Client } from 'graphql-ws';
import * as cost from '../../../src/server/operation-cost';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');
const tooMany = (plaidFields: number) => [
  expect.objectContaining({
    message: expect.stringContaining(`selects ${plaidFields} fields that call Plaid, more than the limit of 3`),
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', plaidFields, maxPlaidFields: 3 },
  }),
];

/**
 * Issue 22, item 5: one operation with 15 aliased createLinkToken made 15 Plaid calls and
 * counted once against the rate limit. Fields that call Plaid are now counted by the cost
 * walk (aliases and fragment spreads included), at most MAX_PLAID_FIELDS_PER_OPERATION of
 * them per operation, each taking PLAID_FIELD_RATE_LIMIT_POINTS from the caller's budget.
 * Every request the gateway sends to the emulator is counted (onPlaidCall, one per attempt).
 */
describe('issue 22 item 5: fields that call Plaid, per operation and per budget', () => {
  let gw: TestGateway;
  const clients: Client[] = [];
  const plaidCalls: string[] = [];
  const callsTo = (endpoint: string) => plaidCalls.filter((called) => called === endpoint).length;

  beforeAll(async () => {
    gw = await startTestGateway(
      { MAX_PLAID_FIELDS_PER_OPERATION: '3', PLAID_FIELD_RATE_LIMIT_POINTS: '10', RATE_LIMIT_OPERATIONS: '60' },
      { onPlaidCall: ({ endpoint }) => plaidCalls.push(endpoint) },
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gw?.close();
  });

  it('refuses 15 aliased createLinkToken before any reaches Plaid', async () => {
    const before = plaidCalls.length;
    const answer = await gw.graphql(`mutation { ${aliases(15, 'createLinkToken { linkToken }')} }`, {
      token: await gw.tokenFor(newUserId()),
    });
    const calls = plaidCalls.length - before;
    console.log(`issue 22 item 5: 15 aliased createLinkToken -> ${calls} Plaid calls (answered ${answer.status})`);
    expect(answer.status).toBe(400);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toEqual(tooMany(15));
    expect(calls).toBe(0);
  });

  it('refuses them over WebSocket too', async () => {
    const before = plaidCalls.length;
    const client = connectWs(gw.wsUrl, `Bearer ${await gw.tokenFor(newUserId())}`);
    clients.push(client);
    expect(await runWs(client, `mutation { ${aliases(15, 'createLinkToken { linkToken }')} }`)).toEqual({ errors: tooMany(15) });
    expect(plaidCalls.length - before).toBe(0);
  });

  it('runs 3 aliased createLinkToken: 3 Plaid calls', async () => {
    const before = callsTo('linkTokenCreate');
    const answer = await gw.graphql<Record<string, { linkToken: string }>>(`mutation { ${aliases(3, 'createLinkToken { linkToken }')} }`, {
      token: await gw.tokenFor(newUserId()),
    });
    expect(answer.errors).toBeUndefined();
    expect(new Set(Object.values(answer.data ?? {}).map((token) => token.linkToken)).size).toBe(3);
    expect(callsTo('linkTokenCreate') - before).toBe(3);
  });

  it.each([
    [
      'createLinkToken spread from a fragment twice',
      'mutation { ...L ...L } fragment L on Mutation { a: createLinkToken { linkToken } b: createLinkToken { linkToken } }',
      4,
    ],
    [
      'fragments in fragments',
      'mutation { ...A ...A } fragment A on Mutation { ...B ...B } fragment B on Mutation { createLinkToken { linkToken } }',
      4,
    ],
    ['balances(realtime: true), aliased', `{ ${aliases(4, 'balances(realtime: true) { accountId current }')} }`, 4],
    ['syncItem, aliased', `mutation { ${aliases(15, 'syncItem(itemId: "00000000-0000-0000-0000-000000000000") { added }')} }`, 15],
    ['validateTransfer, aliased', `mutation { ${aliases(5, 'validateTransfer(input: { accountId: "a", amount: 1 }) { approved }')} }`, 5],
    [
      'different Plaid fields together',
      'mutation { createLinkToken { linkToken } syncItem(itemId: "i") { added } removeItem(itemId: "i") { removed } sandboxResetLogin(itemId: "i") }',
      4,
    ],
  ])('refuses %s, before anything runs', async (_name, query, plaidFields) => {
    const before = plaidCalls.length;
    const answer = await gw.graphql(query, { token: await gw.tokenFor(newUserId()) });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual(tooMany(plaidFields));
    expect(plaidCalls.length - before).toBe(0);
  });

  it('counts balances only when realtime is true, also when a variable says so', async () => {
    const token = await gw.tokenFor(newUserId());
    const query = `query($live: Boolean!) { ${aliases(4, 'balances(realtime: $live) { accountId }')} }`;
    expect((await gw.graphql(`{ ${aliases(15, 'balances { accountId }')} }`, { token })).errors).toBeUndefined();
    expect((await gw.graphql(query, { token, variables: { live: false } })).errors).toBeUndefined();
    expect((await gw.graphql(query, { token, variables: { live: true } })).errors).toEqual(tooMany(4));
    // The same document again: its cost is kept per value of the variable it reads.
    expect((await gw.graphql(query, { token, variables: { live: false } })).errors).toBeUndefined();
  });

  it('costs a document once however often it is sent, over HTTP and over WebSocket', async () => {
    const walks = jest.spyOn(cost, 'operationCost');
    try {
      const token = await gw.tokenFor(newUserId());
      const client = connectWs(gw.wsUrl, `Bearer ${token}`);
      clients.push(client);
      const query = `query Twice($live: Boolean!) { ${aliases(2, 'balances(realtime: $live) { accountId }')} me { id } }`;
      for (let i = 0; i < 3; i += 1) {
        expect((await gw.graphql(query, { token, variables: { live: false } })).errors).toBeUndefined();
        expect(await runWs(client, query, { live: false })).not.toHaveProperty('errors');
      }
      // One walk per transport's parsed document (Apollo's and the guard's), not one per request.
      expect(walks).toHaveBeenCalledTimes(2);
    } finally {
      walks.mockRestore();
    }
  });

  it("takes each Plaid field's points from the user's budget: 3 link tokens leave 60 - 31 operations", async () => {
    const token = await gw.tokenFor(newUserId());
    expect((await gw.graphql(`mutation { ${aliases(3, 'createLinkToken { linkToken }')} }`, { token })).errors).toBeUndefined();
    let served = 0;
    for (;;) {
      const answer = await gw.graphql('{ me { id } }', { token });
      if (answer.status === 429) {
        expect(answer.errors).toEqual([
          expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }),
        ]);
        break;
      }
      expect(answer.errors).toBeUndefined();
      served += 1;
      if (served > 60) throw new Error('the budget never ran out');
    }
    console.log(`issue 22 item 5: after 3 link tokens at 10 points each, ${served} of 60 operations were left`);
    expect(served).toBe(60 - (1 + 3 * 10));
  });
});
