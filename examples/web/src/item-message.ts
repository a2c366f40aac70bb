import type { ItemsQuery as ItemsResult } from './gql/graphql';

type ItemState = Pick<ItemsResult['items'][number], 'status' | 'error' | 'consentExpiresAt'>;

function day(iso: string | null | undefined): string {
  return iso ? ` on ${new Date(iso).toLocaleDateString()}` : ' soon';
}

/**
 * What a person is told about an Item that needs attention, or null when it needs none. Plaid's
 * `display_message` (the API's `error.displayMessage`) is written for people and wins when Plaid
 * gave one; otherwise the app's own words. `error.message` is Plaid's text for developers
 * ("use Link's update mode...") and is never shown.
 */
export function itemMessage(item: ItemState): string | null {
  if (item.error?.displayMessage) return item.error.displayMessage;
  switch (item.status) {
    case 'ACTIVE':
      return null;
    case 'LOGIN_REQUIRED':
      return 'Your bank needs you to sign in again. Use Reconnect; until then nothing new arrives from this bank.';
    case 'PENDING_EXPIRATION':
      return `Your permission to share this bank's data ends${day(item.consentExpiresAt)}. Connect the bank again to keep it up to date.`;
    case 'PENDING_DISCONNECT':
      return `This bank stops sharing data${day(item.consentExpiresAt)}. Connect it again to keep it up to date.`;
    case 'REVOKED':
      return 'Access to this bank was withdrawn, so its data was removed. Connect it again to see it here.';
    case 'ERROR':
      return 'Something is wrong with the connection to this bank, so nothing new arrives from it. Try again later, or connect it again.';
  }
}
