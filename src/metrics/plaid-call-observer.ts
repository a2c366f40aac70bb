import type { PlaidCallObserver } from '../plaid/plaid-client';
import type { GatewayMetrics } from './gateway-metrics';

/** PlaidClient's `onCall` hook: every attempt, by endpoint and outcome, with its latency; then `next`, if any. */
export function plaidCallObserver(metrics: GatewayMetrics, next?: PlaidCallObserver): PlaidCallObserver {
  return (call) => {
    metrics.recordPlaidCall({ endpoint: call.endpoint, outcome: call.outcome, durationSeconds: call.durationMs / 1000 });
    next?.(call);
  };
}
