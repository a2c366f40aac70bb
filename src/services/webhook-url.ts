/** The path this gateway serves Plaid's webhooks on. */
export const WEBHOOK_PATH = '/webhooks/plaid';

/** Where Plaid must send this gateway's webhooks. */
export function webhookUrlFor(publicUrl: string): string {
  return `${publicUrl}${WEBHOOK_PATH}`;
}
