/** Where Plaid must send this gateway's webhooks. */
export function webhookUrlFor(publicUrl: string): string {
  return `${publicUrl}/webhooks/plaid`;
}
