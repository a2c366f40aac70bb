import type { ProcessorTokenCreateRequest, ProcessorTokenCreateResponse } from 'plaid';
import { itemAccountTemplates } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { newPlaidToken } from '../state/plaid-id';
import { processorTokenCreateSchema } from './endpoint-request-schemas';

export const processorEndpoints: readonly PlaidEndpoint[] = [
  /**
   * A processor token for one account of the Item, for a processor Plaid lists (the request
   * schema holds the enum), so an app's hand-off to Dwolla, Stripe-style and other partners
   * can be tested. The emulator plays no processor, so nothing redeems the token.
   */
  itemEndpoint<ProcessorTokenCreateRequest, ProcessorTokenCreateResponse>(
    '/processor/token/create',
    processorTokenCreateSchema,
    'healthy',
    (request, item) => {
      itemAccountTemplates(item, [request.account_id]);
      return { processor_token: newPlaidToken('processor') };
    },
  ),
];
