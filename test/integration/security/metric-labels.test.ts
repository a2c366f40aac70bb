import { parseSamples } from '../../support/prometheus-text';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** Issue 22, item 11: what a caller sends must not add metric series, and /metrics can be closed. */
describe('issue 22 item 11: metric label pollution', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ METRICS_TOKEN });
  });

  afterAll(async () => {
    await gw?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return parseSamples(await response.text());
  };
  const labelValues = (samples: ReturnType<typeof parseSamples>, name: string, label: string) =>
    new Set(samples.filter((sample) => sample.name === name).map((sample) => sample.labels[label]));

  it('counts /graphql spelled in any letter case, with or without a trailing slash, as one route', async () => {
    const before = labelValues(await scrape(), 'gateway_http_request_duration_seconds_count', 'route');
    for (const path of ['/graphql', '/GRAPHQL', '/GraphQL', '/gRaPhQl', '/graphQL', '/Graphql/', '/GRAPHQL/'])
      await (
        await fetch(`${gw.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{__typename}"}',
        })
      ).text();
    const after = labelValues(await scrape(), 'gateway_http_request_duration_seconds_count', 'route');
    const added = [...after].filter((route) => !before.has(route));
    console.log(`issue 22 item 11: 7 spellings of /graphql added route series ${JSON.stringify(added)}`);
    expect([...after].filter((route) => /graphql$/i.test(route ?? ''))).toEqual(['/graphql']);
  });

  it('keeps the names of operations sent without a token out of the labels', async () => {
    for (let i = 0; i < 50; i += 1) await gw.graphql(`query Junk${i} { __typename }`);
    await gw.graphql('query SignedIn { me { id } }', { token: await gw.tokenFor(newUserId()) });
    const names = labelValues(await scrape(), 'gateway_graphql_operation_duration_seconds_count', 'operation_name');
    console.log(`issue 22 item 11: operation_name values after 50 anonymous names: ${JSON.stringify([...names].sort())}`);
    expect([...names].filter((name) => name?.startsWith('Junk'))).toEqual([]);
    expect(names).toContain('SignedIn');
    expect(names).toContain('unauthenticated');
  });

  it('serves /metrics only to a scrape that sends METRICS_TOKEN', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${METRICS_TOKEN}`]) {
      const response = await fetch(`${gw.url}/metrics`, authorization ? { headers: { authorization } } : {});
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('gateway_');
    }
    expect((await scrape()).length).toBeGreaterThan(0);
  });
});
