import { FaultInjector } from '../../../src/control/fault-injector';

const code = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { body: { error_code: string } }).body.error_code;
  }
};

it('fires an error rule a set number of times, for its endpoint and Item only', () => {
  const faults = new FaultInjector('seed');
  faults.addError({ endpoint: '/item/get', error_code: 'INSTITUTION_DOWN', times: 2, probability: 1, item_id: 'a' });
  expect(code(() => faults.check('/item/get', 'b'))).toBeNull();
  expect(code(() => faults.check('/accounts/get', 'a'))).toBeNull();
  expect(code(() => faults.check('/item/get', 'a'))).toBe('INSTITUTION_DOWN');
  expect(code(() => faults.check('/item/get', 'a'))).toBe('INSTITUTION_DOWN');
  expect(code(() => faults.check('/item/get', 'a'))).toBeNull();
  expect(faults.rules().errors).toEqual([]);
});

it('fires with a probability, reproducibly for a seed', () => {
  const run = () => {
    const faults = new FaultInjector('seed');
    faults.addError({ endpoint: '*', error_code: 'INTERNAL_SERVER_ERROR', times: null, probability: 0.3, item_id: null });
    return Array.from({ length: 200 }, () => code(() => faults.check('/x', null)) !== null);
  };
  const first = run();
  expect(first).toEqual(run());
  const share = first.filter(Boolean).length / first.length;
  expect(share).toBeGreaterThan(0.2);
  expect(share).toBeLessThan(0.4);
});

it('adds latency per endpoint and fails the chosen sync page', () => {
  const faults = new FaultInjector('seed');
  faults.addLatency({ endpoint: '*', ms: 10, times: null });
  const once = faults.addLatency({ endpoint: '/transactions/sync', ms: 100, times: 1 });
  expect(faults.latencyFor('/transactions/sync')).toBe(110);
  expect(faults.latencyFor('/transactions/sync')).toBe(10);
  expect(faults.remove(once.id)).toBe(false);

  faults.failSyncPage('item', 1);
  expect(code(() => faults.check('/transactions/sync', 'item'))).toBeNull();
  expect(code(() => faults.check('/transactions/sync', 'item'))).toBe('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
  expect(code(() => faults.check('/transactions/sync', 'item'))).toBeNull();
  faults.clearAll();
  expect(faults.latencyFor('/anything')).toBe(0);
});
