import type {
  ItemAccessTokenInvalidateRequest,
  ItemAccessTokenInvalidateResponse,
  ItemGetRequest,
  ItemImportRequest,
  ItemImportResponse,
  ItemGetResponse,
  ItemRemoveRequest,
  ItemRemoveResponse,
  ItemWebhookUpdateRequest,
  ItemWebhookUpdateResponse,
} from 'plaid';
import {
  itemAccessTokenInvalidateSchema,
  itemGetSchema,
  itemImportSchema,
  itemRemoveSchema,
  itemWebhookUpdateSchema,
} from './endpoint-request-schemas';
import { DEFAULT_DAYS_REQUESTED, linkItem } from '../link/item-linker';
import { interpretSandboxLogin } from '../data/sandbox-credentials';
import { itemWebhookBodies } from '../webhooks/item-webhooks';
import { itemStatusView, itemView, itemWithConsentView } from './item-view';
import { clientEndpoint, itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';

/** Institution of imported Items when the request names none (Plaid's first sandbox bank). */
const IMPORT_INSTITUTION_ID = 'ins_109508';

export const itemEndpoints: readonly PlaidEndpoint[] = [
  itemEndpoint<ItemGetRequest, ItemGetResponse>('/item/get', itemGetSchema, 'any', (_request, item) => ({
    item: itemWithConsentView(item),
    status: itemStatusView(item),
  })),

  itemEndpoint<ItemRemoveRequest, ItemRemoveResponse>('/item/remove', itemRemoveSchema, 'any', (_request, item, services) => {
    services.state.removeItem(item);
    services.persist();
    return {};
  }),

  itemEndpoint<ItemWebhookUpdateRequest, ItemWebhookUpdateResponse>(
    '/item/webhook/update',
    itemWebhookUpdateSchema,
    'any',
    (request, item, services) => {
      item.webhook = request.webhook ?? null;
      // Plaid confirms a new webhook URL by sending a webhook to it.
      if (item.webhook) services.webhooks.send(item, itemWebhookBodies.webhookUpdateAcknowledged(item.item_id, item.webhook));
      services.persist();
      return { item: itemView(item) };
    },
  ),

  itemEndpoint<ItemAccessTokenInvalidateRequest, ItemAccessTokenInvalidateResponse>(
    '/item/access_token/invalidate',
    itemAccessTokenInvalidateSchema,
    'any',
    (_request, item, services) => {
      const fresh = services.state.rotateAccessToken(item);
      services.persist();
      return { new_access_token: fresh };
    },
  ),

  /**
   * `/item/import`: an Item from credentials the app already holds. `user_auth` takes the
   * sandbox's credentials (user_id as username, auth_token as password, `error_<CODE>` too).
   */
  clientEndpoint<ItemImportRequest, ItemImportResponse>('/item/import', itemImportSchema, (request, services) => {
    const login = interpretSandboxLogin(request.user_auth.user_id, request.user_auth.auth_token ?? '');
    const item = linkItem(services, {
      institutionId: request.institution_id ?? IMPORT_INSTITUTION_ID,
      products: request.products ?? [],
      webhook: request.options?.webhook ?? null,
      profile: login.profile,
      error: login.error,
      historyDays: DEFAULT_DAYS_REQUESTED,
    });
    return { access_token: item.access_token };
  }),
];
