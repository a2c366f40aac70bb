import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The least a server can do for each benchmark, in its own process as the gateway is: `http`
 * reads a POST and answers a fixed 200; `ws` sends whatever the parent hands it to every open
 * WebSocket. What this does per second is what the machine allows, before any gateway work.
 */
const mode = process.argv[2];
const send = (message: unknown) => process.send?.(message);

if (mode === 'http') {
  const answer = JSON.stringify({ received: true, duplicate: false });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer),
    );
  });
  server.listen(0, '127.0.0.1', () => send({ port: (server.address() as AddressInfo).port }));
} else if (mode === 'ws') {
  const server: WebSocketServer = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () =>
    send({ port: (server.address() as AddressInfo).port }),
  );
  process.on('message', (message: { broadcast: string }) => {
    for (const client of server.clients) client.send(message.broadcast);
  });
} else {
  throw new Error(`unknown floor-server mode ${mode}`);
}
