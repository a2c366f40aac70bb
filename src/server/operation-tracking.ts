import type { ExecutionResult } from 'graphql';
import type { GatewayMetrics, Transport } from '../metrics/gateway-metrics';

/** A streaming transport's view of one operation, from its subscribe message to its completion. */
export interface OperationState {
  started: number;
  name: string | null;
  type: 'query' | 'mutation' | 'subscription';
  streaming: boolean;
}

/**
 * Times an operation once its result (or stream) is set up, and counts a stream as an active
 * subscription until the transport reports it complete.
 */
export async function recordSetUp(
  metrics: GatewayMetrics,
  transport: Transport,
  state: OperationState,
  operationResult: unknown,
): Promise<void> {
  // The transports have awaited it already; their types also admit the promise.
  const result = (await operationResult) as ExecutionResult | AsyncIterable<unknown>;
  const streaming = Symbol.asyncIterator in result;
  metrics.recordOperation({
    name: state.name,
    // Only signed-in callers reach a WebSocket or an event stream.
    authenticated: true,
    type: state.type,
    transport,
    outcome: !streaming && result.errors?.length ? 'error' : 'ok',
    durationSeconds: (performance.now() - state.started) / 1000,
  });
  if (streaming) {
    state.streaming = true;
    metrics.subscriptionStarted();
  }
}
