import type { AccountBase, Item, ItemStatusNullable, ItemWithConsentFields } from 'plaid';
import { ItemAuthMethod, ItemUpdateTypeEnum, ItemWithConsentFieldsUpdateTypeEnum, Products } from '../data/plaid-enums';
import type { ItemRecord } from '../state/emulator-state';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { SANDBOX_ACCOUNTS, accountView, sandboxAccountId, type SandboxAccountTemplate } from '../data/sandbox-accounts';
import { findSandboxInstitution, institutionProducts } from '../data/sandbox-institutions';

function itemFields(item: ItemRecord): Omit<Item, 'update_type'> {
  const institution = findSandboxInstitution(item.institution_id);
  const supported = institution ? institutionProducts(institution) : [];
  return {
    item_id: item.item_id,
    institution_id: item.institution_id,
    institution_name: institution?.name ?? null,
    webhook: item.webhook ?? '',
    auth_method: item.products.includes(Products.Auth) ? ItemAuthMethod.InstantAuth : null,
    error: item.error,
    available_products: supported.filter((product) => !item.products.includes(product)),
    billed_products: [...item.products],
    products: [...item.products],
    consented_products: [...item.products],
    consent_expiration_time: item.consent_expiration_time ?? null,
  };
}

/** The `item` object Plaid returns beside product data. */
export function itemView(item: ItemRecord): Item {
  return { ...itemFields(item), update_type: ItemUpdateTypeEnum.Background };
}

/** `/item/get`'s richer item, with the creation time. */
export function itemWithConsentView(item: ItemRecord): ItemWithConsentFields {
  return { ...itemFields(item), update_type: ItemWithConsentFieldsUpdateTypeEnum.Background, created_at: item.created_at };
}

export function itemStatusView(item: ItemRecord): ItemStatusNullable {
  const status: ItemStatusNullable = {};
  if (item.products.includes(Products.Transactions)) {
    status.transactions = {
      last_successful_update: item.last_transactions_update,
      last_failed_update: item.last_failed_transactions_update ?? null,
    };
  }
  // Null until a webhook was sent, as Plaid reports it.
  status.last_webhook = item.last_webhook ? { ...item.last_webhook } : null;
  return status;
}

/**
 * The Item's accounts in Plaid's order, narrowed to `account_ids` when given (an id the
 * Item does not have is INVALID_ACCOUNT_ID, as on Plaid).
 */
export function itemAccountTemplates(item: ItemRecord, accountIds?: readonly string[]): SandboxAccountTemplate[] {
  if (!accountIds) return [...SANDBOX_ACCOUNTS];
  const byId = new Map(SANDBOX_ACCOUNTS.map((template) => [sandboxAccountId(item.item_id, template), template]));
  const unknown = accountIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw EmulatedPlaidError.of('INVALID_ACCOUNT_ID');
  return SANDBOX_ACCOUNTS.filter((template) => accountIds.includes(sandboxAccountId(item.item_id, template)));
}

export function itemAccounts(
  item: ItemRecord,
  accountIds?: readonly string[],
  balancesUpdatedAt: string | null = null,
): Omit<AccountBase, 'verification_status'>[] {
  return itemAccountTemplates(item, accountIds).map((template) => accountView(item, template, balancesUpdatedAt));
}
