import { createHash } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { PlaidApi } from 'plaid';
import { WebhookReceiver, type ReceivedWebhook } from '../../src';
import { plaidOpenApiValidator } from './openapi-validator';
import { started } from './started';

/** The package's webhook receiver, stopped when the test file ends even if its set-up failed. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = await new WebhookReceiver().start();
  // The file's own receiver.stop() goes through the registry, which then knows it is stopped.
  const stopServer = receiver.stop.bind(receiver);
  receiver.stop = started(`webhook receiver ${receiver.url}`, stopServer);
  return receiver;
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
 * `now` is the receiver's clock: the emulator's, when a test has moved that one ahead.
 */
export async function verifyWebhook(client: PlaidApi, webhook: ReceivedWebhook, now?: Date): Promise<VerifiedWebhook> {
  const token = webhook.headers['plaid-verification'];
  if (typeof token !== 'string') throw new Error('no Plaid-Verification header');
  const header = decodeProtectedHeader(token);
  if (header.alg !== 'ES256' || typeof header.kid !== 'string') throw new Error(`unexpected JWT header ${JSON.stringify(header)}`);
  const { data } = await client.webhookVerificationKeyGet({ key_id: header.kid });
  if (data.key.expired_at !== null) throw new Error(`webhook signed with expired key ${header.kid}`);
  const key = await importJWK({ kty: data.key.kty, crv: data.key.crv, x: data.key.x, y: data.key.y }, 'ES256');
  const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], maxTokenAge: '5 min', currentDate: now });
  const digest = createHash('sha256').update(webhook.raw).digest('hex');
  if (payload.request_body_sha256 !== digest) throw new Error('request_body_sha256 does not match the body');
  return { kid: header.kid, iat: payload.iat! };
}
