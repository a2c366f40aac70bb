import type { AccountEntity } from '../entities/account.entity';
import { notFound } from '../errors/domain-error';
import type { AccountRepository } from '../repositories/account.repository';
import type { AccountType } from '../entities/account-type';
import { NAMED_PLAID_TYPES, plaidTypesOf } from './account-type';
import { isOpaqueId } from './opaque-id';

export interface AccountCriteria {
  itemId?: string | null;
  type?: AccountType | null;
}

export interface AccountServiceDependencies {
  accounts: AccountRepository;
}

/** Accounts, always read through their owner (accounts.user_id): another user's id is indistinguishable from none. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDependencies) {}

  /** An itemId that is not one of the caller's Items filters everything out, as an unknown one does. */
  list(userId: string, criteria: AccountCriteria = {}): Promise<AccountEntity[]> {
    if (criteria.itemId != null && !isOpaqueId(criteria.itemId)) return Promise.resolve([]);
    const types = criteria.type != null ? plaidTypesOf(criteria.type) : undefined;
    return this.deps.accounts.listOwned(userId, {
      ...(criteria.itemId != null ? { itemId: criteria.itemId } : {}),
      ...(types ? { types } : types === null ? { notTypes: NAMED_PLAID_TYPES } : {}),
    });
  }

  find(userId: string, accountId: string): Promise<AccountEntity | null> {
    return isOpaqueId(accountId) ? this.deps.accounts.findOwned(userId, accountId) : Promise.resolve(null);
  }

  /** For DataLoaders: one query for many ids, answered in the order asked. */
  async findMany(userId: string, accountIds: readonly string[]): Promise<Array<AccountEntity | null>> {
    const ids = [...new Set(accountIds.filter(isOpaqueId))];
    const rows = await this.deps.accounts.findManyOwned(userId, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return accountIds.map((id) => byId.get(id) ?? null);
  }

  /** Every id must be one of the caller's accounts: the first that is not is NOT_FOUND. */
  async getMany(userId: string, accountIds: readonly string[]): Promise<AccountEntity[]> {
    const unique = [...new Set(accountIds)];
    const found = await this.findMany(userId, unique);
    return found.map((account, index) => {
      if (!account) throw notFound('Account', unique[index]);
      return account;
    });
  }

  /** For DataLoaders: the accounts of many Items in one query, one list per Item id asked. */
  async listByItemIds(userId: string, itemIds: readonly string[]): Promise<AccountEntity[][]> {
    const ids = [...new Set(itemIds.filter(isOpaqueId))];
    const rows = await this.deps.accounts.listOwnedByItems(userId, ids);
    const byItem = new Map<string, AccountEntity[]>();
    for (const row of rows) {
      const list = byItem.get(row.itemId);
      if (list) list.push(row);
      else byItem.set(row.itemId, [row]);
    }
    return itemIds.map((id) => byItem.get(id) ?? []);
  }
}
