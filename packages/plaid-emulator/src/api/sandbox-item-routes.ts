import type {
  SandboxItemFireWebhookRequest,
  SandboxItemFireWebhookResponse,
  SandboxItemResetLoginRequest,
  SandboxItemResetLoginResponse,
} from 'plaid';
import { AccountType, Products, WebhookType } from '../data/plaid-enums';
import { DAY_MS, isoDateTime } from '../state/emulator-clock';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord } from '../state/emulator-state';
import { sandboxItemFireWebhookSchema, sandboxItemResetLoginSchema } from './endpoint-request-schemas';
import { itemWebhookBodies, type ItemWebhook } from '../webhooks/item-webhooks';
import { itemAccounts } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError, plaidErrorBody } from '../errors/plaid-error';

function requireProduct(item: ItemRecord, product: Products): void {
  if (!item.products.includes(product)) throw EmulatedPlaidError.of('SANDBOX_PRODUCT_NOT_ENABLED');
}

/** The body `/sandbox/item/fire_webhook` sends for a code, or the sandbox error Plaid gives. */
function sandboxWebhook(request: SandboxItemFireWebhookRequest, item: ItemRecord, services: EmulatorServices): ItemWebhook {
  const id = item.item_id;
  // Widened: the request schema also admits the emulator's extensions (EMULATOR_WEBHOOK_CODE_EXTENSIONS).
  const code: string = request.webhook_code;
  switch (code) {
    case 'DEFAULT_UPDATE':
      if (request.webhook_type === WebhookType.Auth) {
        requireProduct(item, Products.Auth);
        return itemWebhookBodies.authDefaultUpdate(id);
      }
      if (request.webhook_type !== undefined && request.webhook_type !== WebhookType.Transactions)
        throw EmulatedPlaidError.of('SANDBOX_PRODUCT_NOT_ENABLED');
      requireProduct(item, Products.Transactions);
      return itemWebhookBodies.defaultUpdate(id, 0);
    case 'SYNC_UPDATES_AVAILABLE':
      requireProduct(item, Products.Transactions);
      return itemWebhookBodies.syncUpdatesAvailable(id);
    case 'RECURRING_TRANSACTIONS_UPDATE':
      requireProduct(item, Products.Transactions);
      return itemWebhookBodies.recurringTransactionsUpdate(
        id,
        itemAccounts(item)
          .filter((a) => a.type === AccountType.Depository)
          .map((a) => a.account_id),
      );
    case 'NEW_ACCOUNTS_AVAILABLE':
      return itemWebhookBodies.newAccountsAvailable(id);
    case 'PENDING_DISCONNECT':
      return itemWebhookBodies.pendingDisconnect(id, services.clock.now() + 7 * DAY_MS);
    case 'USER_PERMISSION_REVOKED':
      return itemWebhookBodies.userPermissionRevoked(id, plaidErrorBody('USER_PERMISSION_REVOKED'));
    case 'USER_ACCOUNT_REVOKED':
      return itemWebhookBodies.userAccountRevoked(id, itemAccounts(item)[0].account_id);
    case 'ERROR':
      // Plaid's commonest Item error, as reset_login gives it.
      item.error = plaidErrorBody('ITEM_LOGIN_REQUIRED');
      return itemWebhookBodies.itemError(id, item.error);
    case 'PENDING_EXPIRATION': {
      const expiresAt = isoDateTime(services.clock.now() + 7 * DAY_MS);
      item.consent_expiration_time = expiresAt;
      return itemWebhookBodies.pendingExpiration(id, expiresAt);
    }
    case 'LOGIN_REPAIRED':
      // The Item recovered outside the app (e.g. the user fixed it elsewhere): it is healthy again.
      item.error = null;
      return itemWebhookBodies.loginRepaired(id);
    default:
      // Micro-deposit, income and asset webhooks belong to products these Items do not have.
      throw EmulatedPlaidError.of('SANDBOX_PRODUCT_NOT_ENABLED');
  }
}

export const sandboxItemEndpoints: readonly PlaidEndpoint[] = [
  itemEndpoint<SandboxItemFireWebhookRequest, SandboxItemFireWebhookResponse>(
    '/sandbox/item/fire_webhook',
    sandboxItemFireWebhookSchema,
    'any',
    (request, item, services) => {
      if (!item.webhook) throw EmulatedPlaidError.of('SANDBOX_WEBHOOK_INVALID');
      const body = sandboxWebhook(request, item, services);
      services.webhooks.send(item, body);
      services.persist();
      return { webhook_fired: true };
    },
  ),

  itemEndpoint<SandboxItemResetLoginRequest, SandboxItemResetLoginResponse>(
    '/sandbox/item/reset_login',
    sandboxItemResetLoginSchema,
    'any',
    (_request, item, services) => {
      item.error = plaidErrorBody('ITEM_LOGIN_REQUIRED');
      services.webhooks.send(item, itemWebhookBodies.itemError(item.item_id, item.error));
      services.persist();
      return { reset_login: true };
    },
  ),
];
