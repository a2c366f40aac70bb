import { EmulatedPlaidError, type PlaidErrorCode } from '../errors/plaid-error';
import { SeededRandom } from '../data/seeded-random';

/** Matches every Plaid endpoint. */
export const ANY_ENDPOINT = '*';

export interface ErrorRule {
  id: string;
  endpoint: string;
  error_code: PlaidErrorCode;
  /** Fails this many matching requests, then retires; absent = until cleared. */
  times: number | null;
  /** Chance (0..1] that a matching request fails. */
  probability: number;
  /** Only requests for this Item, when set. */
  item_id: string | null;
}

export interface LatencyRule {
  id: string;
  endpoint: string;
  ms: number;
  times: number | null;
}

export type NewErrorRule = Omit<ErrorRule, 'id'>;
export type NewLatencyRule = Omit<LatencyRule, 'id'>;

/**
 * Faults on demand (control API): errors by code, count or probability; added latency;
 * and "the next sync page of this Item fails mid-pagination". Rules are runtime settings
 * and are not persisted. Probabilities draw from a seeded generator so runs repeat.
 */
export class FaultInjector {
  private nextId = 1;
  private errors: ErrorRule[] = [];
  private latencies: LatencyRule[] = [];
  /** Item id -> how many sync calls still succeed before one fails. */
  private readonly syncPageFailures = new Map<string, number>();
  private readonly random: SeededRandom;

  constructor(seed: string) {
    this.random = SeededRandom.fromString(`${seed}|faults`);
  }

  addError(rule: NewErrorRule): ErrorRule {
    const created = { ...rule, id: `err_${this.nextId++}` };
    this.errors.push(created);
    return created;
  }

  addLatency(rule: NewLatencyRule): LatencyRule {
    const created = { ...rule, id: `lat_${this.nextId++}` };
    this.latencies.push(created);
    return created;
  }

  /** Removes one rule by id; false if there was none. */
  remove(id: string): boolean {
    const before = this.errors.length + this.latencies.length;
    this.errors = this.errors.filter((rule) => rule.id !== id);
    this.latencies = this.latencies.filter((rule) => rule.id !== id);
    return this.errors.length + this.latencies.length < before;
  }

  clearAll(): void {
    this.errors = [];
    this.latencies = [];
    this.syncPageFailures.clear();
  }

  rules(): { errors: ErrorRule[]; latencies: LatencyRule[] } {
    return { errors: this.errors.map((rule) => ({ ...rule })), latencies: this.latencies.map((rule) => ({ ...rule })) };
  }

  failSyncPage(itemId: string, afterPages: number): void {
    this.syncPageFailures.set(itemId, afterPages);
  }

  /** Milliseconds to wait before answering this request. */
  latencyFor(endpoint: string): number {
    let total = 0;
    for (const rule of this.latencies) {
      if (rule.endpoint !== ANY_ENDPOINT && rule.endpoint !== endpoint) continue;
      total += rule.ms;
      if (rule.times !== null) rule.times--;
    }
    this.latencies = this.latencies.filter((rule) => rule.times === null || rule.times > 0);
    return total;
  }

  /** Throws the injected error if a rule fires for this request. */
  check(endpoint: string, itemId: string | null): void {
    for (const rule of this.errors) {
      if (rule.endpoint !== ANY_ENDPOINT && rule.endpoint !== endpoint) continue;
      if (rule.item_id !== null && rule.item_id !== itemId) continue;
      if (rule.probability < 1 && this.random.next() >= rule.probability) continue;
      if (rule.times !== null) {
        rule.times--;
        if (rule.times <= 0) this.errors = this.errors.filter((candidate) => candidate !== rule);
      }
      throw EmulatedPlaidError.of(rule.error_code);
    }
    if (endpoint === '/transactions/sync' && itemId !== null) this.checkSyncPage(itemId);
  }

  private checkSyncPage(itemId: string): void {
    const remaining = this.syncPageFailures.get(itemId);
    if (remaining === undefined) return;
    if (remaining > 0) {
      this.syncPageFailures.set(itemId, remaining - 1);
      return;
    }
    this.syncPageFailures.delete(itemId);
    throw EmulatedPlaidError.of('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
  }
}
