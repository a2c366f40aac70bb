import { buildSchema } from 'graphql';
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { OperationGuard } from '../../../src/server/operation-guard';
import { operationLimits } from '../../../src/server/operation-limits';
import { OperationRateLimiter } from '../../../src/server/operation-rate-limiter';
import { SchemaVisibility } from '../../../src/server/schema-visibility';

const schema = buildSchema(`type Query { me: String transactions(first: Int = 50): [String!]! }`);
const caller = { user: { id: 'user-1', scopes: [], expiresAtMs: Date.now() + 3_600_000 }, clientAddress: '127.0.0.1' };

describe('OperationGuard.prepare (WebSocket and SSE)', () => {
  let rateLimiter: OperationRateLimiter;
  let guard: OperationGuard;

  beforeEach(async () => {
    rateLimiter = await OperationRateLimiter.create({
      operations: 1000,
      anonymousOperations: 1000,
      windowSeconds: 60,
      logger: pino({ level: 'silent' }),
    });
    guard = new OperationGuard({
      schema,
      limits: operationLimits(loadConfig({}, '/srv').limits),
      maxPageSize: 500,
      maxCost: 50_000,
      maxPlaidFields: 3,
      plaidFieldPoints: 10,
      visibility: new SchemaVisibility(false, 'partner'),
      rateLimiter,
    });
  });

  afterEach(async () => {
    await rateLimiter.close();
  });

  it('parses and validates a document once, and gives the same document (and so its kept cost) each time it is sent', async () => {
    const first = await guard.prepare(caller, { query: '{ me }' });
    const again = await guard.prepare(caller, { query: '{ me }' });
    expect(first.errors).toBeUndefined();
    expect(again.args?.document).toBe(first.args?.document);
    expect((await guard.prepare(caller, { query: '{ me  }' })).args?.document).not.toBe(first.args?.document);
  });

  it('refuses a document that fails validation each time it is sent: only valid ones are kept', async () => {
    const refused = await guard.prepare(caller, { query: '{ mee }' });
    expect(refused.errors?.[0].message).toMatch(/Cannot query field "mee"/);
    expect((await guard.prepare(caller, { query: '{ mee }' })).errors).toHaveLength(1);
  });
});
