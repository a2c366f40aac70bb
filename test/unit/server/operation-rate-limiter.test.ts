import pino from 'pino';
import { OperationRateLimiter } from '../../../src/server/operation-rate-limiter';

describe('OperationRateLimiter in process', () => {
  let limiter: OperationRateLimiter;

  beforeEach(async () => {
    limiter = await OperationRateLimiter.create({
      operations: 25,
      anonymousOperations: 3,
      windowSeconds: 60,
      logger: pino({ level: 'silent' }),
    });
  });

  afterEach(async () => {
    await limiter.close();
  });

  it('takes the points asked for: one operation with two Plaid fields at 10 points each leaves 4 of 25', async () => {
    await limiter.consume('user', 'u1', 1 + 2 * 10);
    for (let i = 0; i < 4; i += 1) await limiter.consume('user', 'u1', 1);
    await expect(limiter.consume('user', 'u1', 1)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    await expect(limiter.consume('user', 'u2', 25)).resolves.toBeUndefined();
  });

  it('keeps the anonymous budget apart from the users', async () => {
    await limiter.consume('user', '127.0.0.1', 20);
    for (let i = 0; i < 3; i += 1) await limiter.consume('anonymous', '127.0.0.1', 1);
    await expect(limiter.consume('anonymous', '127.0.0.1', 1)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limiter.consume('anonymous', '198.51.100.7', 1)).resolves.toBeUndefined();
  });
});
