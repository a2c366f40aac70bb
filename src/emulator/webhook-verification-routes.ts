import type { WebhookVerificationKeyGetRequest, WebhookVerificationKeyGetResponse } from 'plaid';
import { webhookVerificationKeyGetSchema } from './endpoint-request-schemas';
import { clientEndpoint, type PlaidEndpoint } from './plaid-endpoint';
import { PlaidApiError } from './plaid-error';

export const webhookVerificationEndpoints: readonly PlaidEndpoint[] = [
  clientEndpoint<WebhookVerificationKeyGetRequest, WebhookVerificationKeyGetResponse>(
    '/webhook_verification_key/get',
    webhookVerificationKeyGetSchema,
    (request, services) => {
      const key = services.keyRing.publicJwk(request.key_id);
      if (!key) throw PlaidApiError.of('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
      return { key };
    },
  ),
];
