import type { PlaidError } from 'plaid';
import { Products } from '../data/plaid-enums';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord, SandboxProfile } from '../state/emulator-state';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { newPlaidToken } from '../state/plaid-id';
import { findSandboxInstitution, institutionProducts, type SandboxInstitution } from '../data/sandbox-institutions';

/** Plaid's public tokens live 30 minutes and can be exchanged once. */
export const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;
/** Initial pull: the most recent 30 days of history. */
const INITIAL_UPDATE_DAYS = 30;
export const DEFAULT_DAYS_REQUESTED = 90;

export interface LinkItemInput {
  institutionId: string;
  products: Products[];
  webhook: string | null;
  profile: SandboxProfile;
  error: PlaidError | null;
  historyDays: number;
  transactionCount?: number;
}

export function requireInstitution(institutionId: string): SandboxInstitution {
  const institution = findSandboxInstitution(institutionId);
  if (!institution) throw EmulatedPlaidError.of('INVALID_INSTITUTION');
  return institution;
}

/** Throws PRODUCTS_NOT_SUPPORTED unless the institution offers every product. */
export function requireSupportedProducts(institution: SandboxInstitution, products: readonly Products[]): void {
  const supported = institutionProducts(institution);
  const missing = products.filter((product) => !supported.includes(product));
  if (missing.length > 0) {
    throw EmulatedPlaidError.of('PRODUCTS_NOT_SUPPORTED', {
      message: `the following products are not supported by this institution: ${missing.join(', ')}`,
    });
  }
}

/**
 * Creates an Item as a successful Link session does, and sends the webhooks Plaid sends
 * once a new Item's transactions have been pulled.
 */
export function linkItem(services: EmulatorServices, input: LinkItemInput): ItemRecord {
  const institution = requireInstitution(input.institutionId);
  requireSupportedProducts(institution, input.products);
  const item = services.state.createItem({
    institutionId: institution.institution_id,
    profile: input.profile,
    products: [...new Set(input.products)],
    webhook: input.webhook,
    error: input.error,
    historyDays: input.historyDays,
    transactionCount: input.transactionCount,
    now: services.clock.now(),
  });
  if (!item.error && item.products.includes(Products.Transactions)) {
    const generator = services.state.generator(item);
    const pulled = () =>
      services.webhooks.itemLinked(item, generator.count - generator.firstIndexWithinDays(INITIAL_UPDATE_DAYS), generator.count);
    const delay = services.initialPullDelayMs;
    if (delay === 0) {
      pulled();
    } else {
      // Ready when the emulator's clock passes this, or when the pull's timer fires (whichever is first).
      item.transactions_ready_at = services.clock.now() + delay;
      services.dispatcher.after(delay, () => {
        delete item.transactions_ready_at;
        services.persist();
        pulled();
      });
    }
  }
  services.persist();
  return item;
}

/** Adds a product to an Item the first time it is used, as Plaid does, if the institution has it. */
export function ensureProduct(services: EmulatorServices, item: ItemRecord, product: Products): void {
  if (item.products.includes(product)) return;
  requireSupportedProducts(requireInstitution(item.institution_id), [product]);
  item.products.push(product);
  services.persist();
}

export function issuePublicToken(services: EmulatorServices, item: ItemRecord): string {
  const token = newPlaidToken('public');
  services.state.publicTokens.set(token, { item_id: item.item_id, expires_at: services.clock.now() + PUBLIC_TOKEN_TTL_MS, used: false });
  services.persist();
  return token;
}
