import type { WebSocketServer } from 'ws';
import type { GatewayMetrics } from './gateway-metrics';

/** Counts open sockets on the GraphQL WebSocket path, authenticated or not. */
export function trackWebSocketConnections(wsServer: WebSocketServer, metrics: GatewayMetrics): void {
  wsServer.on('connection', (socket) => {
    metrics.webSocketOpened();
    socket.once('close', () => metrics.webSocketClosed());
  });
}
