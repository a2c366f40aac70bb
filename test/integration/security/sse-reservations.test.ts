import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/** Issue 22, item 3: graphql-sse's single connection mode kept every PUT's reservation for ever. */
describe('issue 22 item 3: PUT /graphql/stream reservations', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('answers 1,000 PUTs with 405 and keeps nothing, signed in or not; streams still open with POST', async () => {
    const token = await gw.tokenFor(newUserId());
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_000; i += 1) {
      const response = await fetch(`${gw.url}/graphql/stream`, {
        method: 'PUT',
        headers: i % 2 === 0 ? { authorization: `Bearer ${token}` } : {},
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (i === 0) {
        expect(response.headers.get('allow')).toBe('GET, POST');
      }
    }
    console.log(`issue 22 item 3: 1,000 PUTs answered ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(Object.fromEntries(statuses)).toEqual({ 405: 1_000 });

    const stream = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(stream.status).toBe(200);
    expect(await stream.text()).toContain('"me"');
  });
});
