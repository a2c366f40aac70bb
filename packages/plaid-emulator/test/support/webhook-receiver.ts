import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { PlaidApi } from 'plaid';
import { plaidOpenApiValidator } from './openapi-validator';
import { started } from './started';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: { webhook_type: string; webhook_code: string; item_id: string; [key: string]: unknown };
}

/** Decides the status the receiver answers a webhook with (default 200), possibly after a delay. */
export type Responder = (webhook: ReceivedWebhook, index: number) => { status: number; delayMs?: number };

/** A local HTTP server standing in for an app's webhook endpoint: it catches what the emulator sends. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  responder: Responder = () => ({ status: 200 });
  private server!: Server;
  private stopServer: () => Promise<void> = async () => undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
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
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/plaid`;
    const server = this.server;
    this.stopServer = started(`webhook receiver ${this.url}`, () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
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

  stop(): Promise<void> {
    return this.stopServer();
  }
}

export const byCode = (code: string) => (webhook: ReceivedWebhook) => webhook.body.webhook_code === code;

const WEBHOOK_SCHEMAS: Record<string, string> = {
  'TRANSACTIONS SYNC_UPDATES_AVAILABLE': 'SyncUpdatesAvailableWebhook',
  'TRANSACTIONS DEFAULT_UPDATE': 'DefaultUpdateWebhook',
  'TRANSACTIONS INITIAL_UPDATE': 'InitialUpdateWebhook',
  'TRANSACTIONS HISTORICAL_UPDATE': 'HistoricalUpdateWebhook',
  'TRANSACTIONS TRANSACTIONS_REMOVED': 'TransactionsRemovedWebhook',
  'TRANSACTIONS RECURRING_TRANSACTIONS_UPDATE': 'RecurringTransactionsUpdateWebhook',
  'AUTH DEFAULT_UPDATE': 'AuthDefaultUpdateWebhook',
  'ITEM ERROR': 'ItemErrorWebhook',
  'ITEM LOGIN_REPAIRED': 'ItemLoginRepairedWebhook',
  'ITEM NEW_ACCOUNTS_AVAILABLE': 'NewAccountsAvailableWebhook',
  'ITEM PENDING_DISCONNECT': 'PendingDisconnectWebhook',
  'ITEM USER_PERMISSION_REVOKED': 'UserPermissionRevokedWebhook',
  'ITEM USER_ACCOUNT_REVOKED': 'UserAccountRevokedWebhook',
  'ITEM WEBHOOK_UPDATE_ACKNOWLEDGED': 'WebhookUpdateAcknowledgedWebhook',
};

/** The spec's schema violations of a webhook body (empty: it conforms). */
export function webhookSchemaErrors(webhook: ReceivedWebhook): string[] {
  const name = WEBHOOK_SCHEMAS[`${webhook.body.webhook_type} ${webhook.body.webhook_code}`];
  if (!name) return [`no schema known for ${webhook.body.webhook_type} ${webhook.body.webhook_code}`];
  return plaidOpenApiValidator().validateComponent(name, webhook.body);
}

export interface VerifiedWebhook {
  kid: string;
  iat: number;
}

/**
 * Verifies a webhook the way a receiver must, with only what Plaid's API gives:
 * ES256 header, key fetched by `kid`, not expired, signature, fresh `iat`, body hash.
 */
export async function verifyWebhook(client: PlaidApi, webhook: ReceivedWebhook): Promise<VerifiedWebhook> {
  const token = webhook.headers['plaid-verification'];
  if (typeof token !== 'string') throw new Error('no Plaid-Verification header');
  const header = decodeProtectedHeader(token);
  if (header.alg !== 'ES256' || typeof header.kid !== 'string') throw new Error(`unexpected JWT header ${JSON.stringify(header)}`);
  const { data } = await client.webhookVerificationKeyGet({ key_id: header.kid });
  if (data.key.expired_at !== null) throw new Error(`webhook signed with expired key ${header.kid}`);
  const key = await importJWK({ kty: data.key.kty, crv: data.key.crv, x: data.key.x, y: data.key.y }, 'ES256');
  const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], maxTokenAge: '5 min' });
  const digest = createHash('sha256').update(webhook.raw).digest('hex');
  if (payload.request_body_sha256 !== digest) throw new Error('request_body_sha256 does not match the body');
  return { kid: header.kid, iat: payload.iat! };
}
