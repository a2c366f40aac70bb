import type { Client } from 'graphql-ws';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const TRANSACTION_SCALARS =
  'id plaidTransactionId amount isoCurrencyCode unofficialCurrencyCode date authorizedDate name merchantName category categoryDetailed pending pendingTransactionId paymentChannel logoUrl website';

/** The largest page the contract allows, every scalar and the account's id and name. */
const FULL_PAGE = `{ transactions(first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${TRANSACTION_SCALARS} account { id name } } } } }`;

/** Pages of pages: 500 transactions of every account, and 500 more of each one's account. */
const MULTIPLYING =
  '{ items { accounts { transactions(first: 500) { edges { node { account { transactions(first: 500) { edges { node { id } } } } } } } } } }';

/** The same in a variable, which a limit that reads only written-out sizes cannot see. */
const MULTIPLYING_IN_VARIABLE =
  'query($n: Int) { items { accounts { transactions(first: $n) { edges { node { account { transactions(first: $n) { edges { node { id } } } } } } } } } }';

describe('the connection-aware cost limit over HTTP and WebSocket, with the default limits', () => {
  let gw: TestGateway;
  let statements: string[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ SYNC_SWEEP_INTERVAL_MINUTES: '59' }, { onQuery: (sql) => statements.push(sql) });
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gw?.close();
  });

  async function both(query: string, variables?: Record<string, unknown>) {
    const token = await gw.tokenFor(newUserId('cost'));
    const http = await gw.graphql(query, { token, variables });
    const client = connectWs(gw.wsUrl, `Bearer ${token}`);
    clients.push(client);
    return { http, ws: await runWs(client, query, variables) };
  }

  it('lets the full 500-transaction page through', async () => {
    const { http, ws } = await both(FULL_PAGE);
    expect(http.errors).toBeUndefined();
    expect(http.data).toEqual({ transactions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } });
    expect(ws).toEqual({ data: http.data });
  });

  it.each([
    ['written out', MULTIPLYING, undefined],
    ['in a variable', MULTIPLYING_IN_VARIABLE, { n: 500 }],
  ])('refuses multiplying pages %s before any resolver runs', async (_how, query, variables) => {
    statements = [];
    const { http, ws } = await both(query, variables);
    const refusal = {
      message: expect.stringMatching(/^Operation cost \d+ exceeds the limit of 50000/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: expect.any(Number), maxCost: 50_000 },
    };
    expect(http.status).toBe(400);
    expect(http.data ?? null).toBeNull();
    expect(http.errors).toEqual([expect.objectContaining(refusal)]);
    expect(ws).toEqual({ errors: [expect.objectContaining(refusal)] });
    // Neither the items resolver nor any loader behind it asked the database anything.
    expect(statements.filter((sql) => /\b(items|accounts|transactions)\b/.test(sql))).toEqual([]);
  });
});
