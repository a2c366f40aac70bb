import { accountEndpoints } from './account-routes';
import { categoryEndpoints } from './category-routes';
import { institutionEndpoints } from './institution-routes';
import { itemEndpoints } from './item-routes';
import { linkEndpoints } from './link-routes';
import type { PlaidEndpoint } from '../server/plaid-endpoint';
import { processorEndpoints } from './processor-routes';
import { sandboxItemEndpoints } from './sandbox-item-routes';
import { transactionEndpoints } from './transaction-routes';
import { webhookVerificationEndpoints } from './webhook-verification-routes';

/**
 * Every Plaid route the emulator serves, in one registry: the server mounts exactly these,
 * and the tests walk them (so a new endpoint cannot escape the error-path table).
 */
export const plaidEndpoints: readonly PlaidEndpoint[] = [
  ...linkEndpoints,
  ...itemEndpoints,
  ...accountEndpoints,
  ...transactionEndpoints,
  ...institutionEndpoints,
  ...categoryEndpoints,
  ...processorEndpoints,
  ...webhookVerificationEndpoints,
  ...sandboxItemEndpoints,
];
