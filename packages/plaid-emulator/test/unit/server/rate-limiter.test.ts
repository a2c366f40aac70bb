import { AdjustableClock } from '../../../src/state/emulator-clock';
import { RateLimiter } from '../../../src/server/rate-limiter';

function limiter(settings?: ConstructorParameters<typeof RateLimiter>[1]) {
  const clock = new AdjustableClock({ now: () => 1_000_000 });
  return { clock, subject: new RateLimiter(clock, settings) };
}

it("applies Plaid's per-Item limits in a sliding minute", () => {
  const { clock, subject } = limiter();
  for (let i = 0; i < 5; i++) subject.check('/accounts/balance/get', 'item-a');
  expect(() => subject.check('/accounts/balance/get', 'item-a')).toThrow(
    expect.objectContaining({
      status: 429,
      body: expect.objectContaining({ error_type: 'RATE_LIMIT_EXCEEDED', error_code: 'ACCOUNTS_BALANCE_GET_LIMIT' }),
    }),
  );
  subject.check('/accounts/balance/get', 'item-b');
  clock.advance(59_000);
  expect(() => subject.check('/accounts/balance/get', 'item-a')).toThrow();
  clock.advance(1_001);
  subject.check('/accounts/balance/get', 'item-a');
});

it('leaves endpoints without a published limit alone', () => {
  const { subject } = limiter();
  for (let i = 0; i < 100; i++) subject.check('/institutions/get_by_id', 'item-a');
});

it('takes limits from configuration, or none at all', () => {
  const { subject } = limiter({ '/accounts/balance/get': false, '/item/get': 1 });
  for (let i = 0; i < 10; i++) subject.check('/accounts/balance/get', 'item-a');
  subject.check('/item/get', 'item-a');
  expect(() => subject.check('/item/get', 'item-a')).toThrow(
    expect.objectContaining({ body: expect.objectContaining({ error_code: 'ITEM_GET_LIMIT' }) }),
  );
  subject.configure(false);
  subject.check('/item/get', 'item-a');
  expect(subject.current()).toEqual({});
  subject.configure({}, true);
  expect(subject.current()['/transactions/sync']).toBe(50);
});
