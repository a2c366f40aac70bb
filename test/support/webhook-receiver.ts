import { WebhookReceiver, type ReceivedWebhook } from 'plaid-emulator';
import { started } from './started';

/** The emulator's webhook receiver, stopped when the test file ends even if its set-up failed. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = await new WebhookReceiver().start();
  // The file's own receiver.stop() goes through the registry, which then knows it is stopped.
  const stopServer = receiver.stop.bind(receiver);
  receiver.stop = started(`webhook receiver ${receiver.url}`, stopServer);
  return receiver;
}

/** Posts a caught webhook to a gateway's endpoint as Plaid sent it; a forgery test replaces its header or bytes. */
export function deliverWebhook(
  gatewayUrl: string,
  webhook: ReceivedWebhook,
  headers: Record<string, string> = { 'plaid-verification': String(webhook.headers['plaid-verification']) },
  raw: Buffer = webhook.raw,
): Promise<Response> {
  return fetch(`${gatewayUrl}/webhooks/plaid`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
}
