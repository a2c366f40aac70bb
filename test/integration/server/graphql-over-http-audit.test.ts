import { auditServer } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

describe('GraphQL over HTTP audit (graphql-http)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  // Warnings remain where Apollo answers application/json clients with 400 instead of 200: a SHOULD, not a MUST.
  it('finds no error against the running gateway', async () => {
    const results = await auditServer({ url: `${gw.url}/graphql` });
    expect(results.length).toBeGreaterThan(50);
    const errors = results.flatMap((result) => (result.status === 'error' ? [`${result.name}: ${result.reason}`] : []));
    expect(errors).toEqual([]);
  });
});
