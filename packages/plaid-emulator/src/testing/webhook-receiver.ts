import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: { webhook_type: string; webhook_code: string; item_id: string; [key: string]: unknown };
}

/** Decides the status the receiver answers a webhook with (default 200), possibly after a delay. */
export type Responder = (webhook: ReceivedWebhook, index: number) => { status: number; delayMs?: number };

/**
 * For an app's tests: a local HTTP server standing in for the app's webhook endpoint. Give its
 * `url` as an Item's webhook and it catches, byte for byte, what the emulator sends there.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  responder: Responder = () => ({ status: 200 });
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const webhook: ReceivedWebhook = { headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) as ReceivedWebhook['body'] };
        const index = this.received.push(webhook) - 1;
        const { status, delayMs } = this.responder(webhook, index);
        const answer = () => {
          if (!res.destroyed) res.writeHead(status).end();
        };
        if (delayMs) setTimeout(answer, delayMs);
        else answer();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/plaid`;
    return this;
  }

  /** Waits until `count` webhooks matching `filter` have arrived, and returns them. */
  async waitFor(count: number, filter: (webhook: ReceivedWebhook) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.received.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} webhooks, got ${matching.length}: ${this.received.map((w) => w.body.webhook_code).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Closes at once, open keep-alive connections included; stopping twice is harmless. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
