import type {
  ItemGetRequest,
  ItemGetResponse,
  ItemRemoveRequest,
  ItemRemoveResponse,
  ItemWebhookUpdateRequest,
  ItemWebhookUpdateResponse,
} from 'plaid';
import { itemGetSchema, itemRemoveSchema, itemWebhookUpdateSchema } from './endpoint-request-schemas';
import { itemWebhookBodies } from '../webhooks/item-webhooks';
import { itemStatusView, itemView, itemWithConsentView } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';

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
];
