import type { WebhookVerificationKeyGetRequest, WebhookVerificationKeyGetResponse } from 'plaid';
import { webhookVerificationKeyGetSchema } from './endpoint-request-schemas';
import { clientEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';

export const webhookVerificationEndpoints: readonly PlaidEndpoint[] = [
  clientEndpoint<WebhookVerificationKeyGetRequest, WebhookVerificationKeyGetResponse>(
    '/webhook_verification_key/get',
    webhookVerificationKeyGetSchema,
    (request, services) => {
      const key = services.keyRing.publicJwk(request.key_id);
      if (!key) throw EmulatedPlaidError.of('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
      return { key };
    },
  ),
];
