import { parse, type OperationDefinitionNode } from 'graphql';
import type { ReadPlan } from '../../../src/read-planner/read-plan';
import { ReadPlanCache } from '../../../src/read-planner/read-plan-cache';

describe('ReadPlanCache', () => {
  const document = parse('query($a: Boolean!, $b: Boolean!, $n: Int) { items { id @include(if: $a) status @skip(if: $b) } }');
  const operation = document.definitions[0] as OperationDefinitionNode;

  function cacheWithCompiles(plansPerOperation: number) {
    const cache = new ReadPlanCache(plansPerOperation);
    const compiled: string[] = [];
    const planOf = (variables: Record<string, unknown>) =>
      cache.planOf(document, operation, variables, () => {
        compiled.push(JSON.stringify(variables));
        return { kind: 'fallback', reason: JSON.stringify(variables) } satisfies ReadPlan;
      });
    return { cache, compiled, planOf };
  }

  it('keeps one plan per values of the Boolean variables; other variables do not matter', () => {
    const { compiled, planOf } = cacheWithCompiles(8);
    const first = planOf({ a: true, b: false, n: 1 });
    expect(planOf({ b: false, a: true, n: 500 })).toBe(first);
    expect(planOf({ a: false, b: false, n: 1 })).not.toBe(first);
    expect(compiled).toHaveLength(2);
  });

  it('keeps at most READ_PLANS_PER_OPERATION plans, the least recently used going first', () => {
    const { cache, compiled, planOf } = cacheWithCompiles(2);
    planOf({ a: true, b: true });
    planOf({ a: true, b: false });
    planOf({ a: true, b: true }); // used again: now the most recent
    planOf({ a: false, b: false }); // evicts { a: true, b: false }
    expect(cache.size(document, operation)).toBe(2);
    expect(compiled).toHaveLength(3);
    planOf({ a: true, b: true });
    expect(compiled).toHaveLength(3);
    planOf({ a: true, b: false });
    expect(compiled).toHaveLength(4);
    expect(cache.size(document, operation)).toBe(2);
  });
});
