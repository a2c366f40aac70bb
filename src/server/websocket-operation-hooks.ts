import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { documentSizeError } from './document-size-limit';
import type { OperationGuard } from './operation-guard';
import { recordSetUp, type OperationState } from './operation-tracking';
import { connectionCaller, type ConnectionContext, type ConnectionExtra } from './websocket-connection';

export type WebSocketOperationHooks = Required<
  Pick<ServerOptions<Record<string, unknown>, Extra & Partial<ConnectionExtra>>, 'onSubscribe' | 'onOperation' | 'onComplete'>
>;

/**
 * graphql-ws hooks: every subscribe message goes through the same guard as HTTP, and is
 * timed and counted. A streaming subscription counts as active from its first setup to its
 * completion, which graphql-ws reports for client completes and closed sockets alike. A
 * document over `maxDocumentBytes` is refused before it is parsed, as over HTTP.
 */
export function webSocketOperationHooks(guard: OperationGuard, metrics: GatewayMetrics, maxDocumentBytes: number): WebSocketOperationHooks {
  const operations = new WeakMap<ConnectionContext, Map<string, OperationState>>();
  const stateOf = (ctx: ConnectionContext) => {
    let map = operations.get(ctx);
    if (!map) operations.set(ctx, (map = new Map<string, OperationState>()));
    return map;
  };

  return {
    async onSubscribe(ctx, id, payload) {
      const started = performance.now();
      const tooLarge = documentSizeError(payload.query, maxDocumentBytes);
      const prepared = tooLarge ? { errors: [tooLarge], operation: undefined } : await guard.prepare(connectionCaller(ctx.extra), payload);
      const name = prepared.operation ? (prepared.operation.name?.value ?? null) : undefined;
      if (prepared.errors) {
        metrics.recordOperation({
          name,
          authenticated: Boolean(ctx.extra.user),
          type: prepared.operation?.operation ?? 'unknown',
          transport: 'websocket',
          outcome: 'error',
          durationSeconds: (performance.now() - started) / 1000,
        });
        return prepared.errors;
      }
      stateOf(ctx).set(id, { started, name: name ?? null, type: prepared.operation.operation, streaming: false });
      return prepared.args;
    },
    async onOperation(ctx, id, _payload, _args, operationResult) {
      const state = stateOf(ctx).get(id);
      if (state) await recordSetUp(metrics, 'websocket', state, operationResult);
    },
    onComplete(ctx, id) {
      const map = stateOf(ctx);
      if (map.get(id)?.streaming) metrics.subscriptionEnded();
      map.delete(id);
    },
  };
}
