import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

/** What the hostile-document fuzz (hostile-documents-fuzz.test.ts) found, each kept as its own test. */
describe('issue 22 fuzz findings', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('fuzz finding 1: an operationName the document does not hold is OPERATION_RESOLUTION_FAILURE (400), never a 500', async () => {
    const token = await gw.tokenFor(newUserId());
    for (const operationName of ['Missing', 'x'.repeat(5_000)]) {
      const answer = await gw.graphql('query Present { me { id } }', { token, operationName });
      expect(answer.status).toBe(400);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
      expect(answer.errors?.[0].message.length).toBeLessThan(200);
    }
  });

  it("fuzz finding 3: two reads of a new user's event stream in one operation both answer (the second first use found no row: INTERNAL_SERVER_ERROR)", async () => {
    const failures: unknown[] = [];
    for (let user = 0; user < 10; user += 1) {
      const answer = await gw.graphql(
        '{ a: transactionChanges { hasMore } b: transactionChanges { hasMore } c: transactionChanges { hasMore } }',
        {
          token: await gw.tokenFor(newUserId()),
        },
      );
      if (answer.errors) failures.push(answer.errors);
    }
    console.log(`issue 22 fuzz finding 3: 10 new users, 3 aliased first reads of their stream each: ${failures.length} failed`);
    expect(failures).toEqual([]);
  });

  it('fuzz finding 4: transactionChanges(itemId: "") is NOT_FOUND like any id of no Item, never an id sent to SQL (INTERNAL_SERVER_ERROR)', async () => {
    const answer = await gw.graphql('{ transactionChanges(itemId: "") { hasMore } }', { token: await gw.tokenFor(newUserId()) });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('fuzz finding 2: a field repeated 480 times is refused before validation, whose merge check is quadratic in it', async () => {
    const query = `{ ${'items { id } '.repeat(480)} }`;
    const startedAt = performance.now();
    const answer = await gw.graphql(query, { token: await gw.tokenFor(newUserId()) });
    console.log(
      `issue 22 fuzz finding 2: 480 repeated items { id } answered ${answer.status} in ${(performance.now() - startedAt).toFixed(1)} ms`,
    );
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxMergeWork: gw.config.limits.maxMergeWork });

    // The same over WebSocket and SSE share the guard's prepare(): one transport suffices to show the order.
    const stream = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await gw.tokenFor(newUserId())}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ query: `subscription { ${'itemStatusChanged { itemId } '.repeat(300)} }` }),
    });
    expect(await stream.text()).toContain('maxMergeWork');
  });
  it("fuzz finding 5: @skip or @include on a subscription's top-level field is a validation error over HTTP and WebSocket, never a 500 or an internal error", async () => {
    const token = await gw.tokenFor(newUserId());
    const documents: Array<[string, Record<string, unknown>?]> = [
      ['subscription { transactionsSynced @skip { sequence } }'],
      ['subscription Live($v: Boolean!) { itemStatusChanged @include(if: $v) { status } }', { v: true }],
      ['subscription { ...Top } fragment Top on Subscription { itemStatusChanged @skip(if: "no") { status } }'],
    ];
    const ws = connectWs(gw.wsUrl, `Bearer ${token}`);
    try {
      for (const [query, variables] of documents) {
        const overHttp = await gw.graphql(query, { token, variables });
        expect({ query, status: overHttp.status, codes: overHttp.errors?.map((error) => error.extensions?.code) }).toEqual({
          query,
          status: 400,
          codes: ['GRAPHQL_VALIDATION_FAILED'],
        });
        const overWs = (await runWs(ws, query, variables)) as { errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
        expect({ query, codes: overWs.errors?.map((error) => error.extensions?.code) }).toEqual({
          query,
          codes: ['GRAPHQL_VALIDATION_FAILED'],
        });
        expect(overWs.errors?.[0].message).toMatch(/must not use @(skip|include) on its top-level selection/);
      }
    } finally {
      await ws.dispose();
    }
  });
});
