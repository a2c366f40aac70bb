import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Issue 22, item 1: a small document whose fragments spread the next level 200 times, three
 * levels deep (within the depth, alias and token limits), is 8 million spreads if walked at
 * every spread: most of a minute of blocked event loop. The cost walk visits each fragment
 * once, so the gateway refuses it at once, and answers everyone else meanwhile.
 */
describe('issue 22 item 1: fragment bomb', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const level = (name: string, next: string) => `fragment ${name} on Query { ${`...${next} `.repeat(200)}}`;
  const bomb = `query Bomb { ...F0 } ${['F0', 'F1', 'F2'].map((name, i) => level(name, `F${i + 1}`)).join(' ')} fragment F3 on Query { me { id } }`;

  it('refuses an anonymous fragment bomb by its cost, without stalling /healthz', async () => {
    expect(Buffer.byteLength(bomb)).toBeLessThan(8 * 1024);
    let healthChecks = 0;
    let slowestHealthMs = 0;
    let bombDone = false;
    const watchHealth = (async () => {
      while (!bombDone) {
        const started = performance.now();
        const health = await fetch(`${gw.url}/healthz`);
        expect(health.status).toBe(200);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
        healthChecks += 1;
      }
    })();
    const started = performance.now();
    const answer = await gw.graphql(bomb);
    const answeredMs = performance.now() - started;
    bombDone = true;
    await watchHealth;
    console.log(
      `issue 22 item 1: fragment bomb (${Buffer.byteLength(bomb)} bytes, 3 levels of 200 spreads) answered in ${answeredMs.toFixed(0)} ms; ` +
        `${healthChecks} /healthz checks meanwhile, slowest ${slowestHealthMs.toFixed(0)} ms`,
    );
    // Most of a minute before; a bound far above any scheduling hiccup, far below the old stall.
    expect(slowestHealthMs).toBeLessThan(5_000);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 16_000_000 }) }),
    ]);
  });
});

/**
 * The same bomb made of free fields: `__typename` needs no resolver, but graphql-jit compiles
 * every field a document expands to (8 million here: seconds of blocked event loop). It is
 * counted by that expansion and refused before anything compiles it.
 */
describe('issue 22 item 1: fragment bomb of introspection fields under transactions', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // Deep enough for the spreads under transactions { edges { node } }: a deployment may allow that.
    gw = await startTestGateway({ GRAPHQL_MAX_DEPTH: '20' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('refuses it by its cost, at once', async () => {
    const onTransaction = (name: string, next: string) => `fragment ${name} on Transaction { ${`...${next} `.repeat(200)}}`;
    const freeBomb = `query FreeBomb { transactions(first: 1) { edges { node { ...T0 } } } } ${['T0', 'T1', 'T2']
      .map((name, i) => onTransaction(name, `T${i + 1}`))
      .join(' ')} fragment T3 on Transaction { __typename }`;
    const started = performance.now();
    const answer = await gw.graphql(freeBomb, { token: await gw.tokenFor(newUserId()) });
    const answeredMs = performance.now() - started;
    console.log(`issue 22 item 1: introspection-field bomb under transactions answered in ${answeredMs.toFixed(0)} ms`);
    expect(answer.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 8_000_003 }) }),
    ]);
    expect(answeredMs).toBeLessThan(5_000);
  });
});

/** Issue 22, item 8: `first: null` is a page of 50 to the service, so it must cost one. */
describe('issue 22 item 8: first: null and the cost limit', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const nested = (first: string) =>
    `query${first === '$n' ? '($n: Int)' : ''} { accounts { transactions(first: ${first}) { edges { node { account { transactions(first: ${first}) { edges { node { id name amount date } } } } } } } } }`;

  it.each([
    ['first: 50', nested('50'), {}],
    ['first: null', nested('null'), {}],
    ['first: $n with n = null', nested('$n'), { n: null }],
  ])('refuses nested pages written as %s', async (_name, query, variables) => {
    const answer = await gw.graphql(query, { token: await gw.tokenFor(newUserId()), variables });
    expect(answer.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 177_010 }) }),
    ]);
  });
});
