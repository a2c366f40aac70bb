import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';
import { notFound } from '../errors/domain-error';
import type { AccountType } from '../schema/enums';
import { NAMED_PLAID_TYPES, plaidTypesOf } from './account-type';
import { isOpaqueId } from './opaque-id';

export interface AccountCriteria {
  itemId?: string | null;
  type?: AccountType | null;
}

/** Accounts, always read through their owner (accounts.user_id): another user's id is indistinguishable from none. */
export class AccountService {
  private readonly accounts: Repository<AccountEntity>;

  constructor(dataSource: DataSource) {
    this.accounts = dataSource.getRepository(AccountEntity);
  }

  /** An itemId that is not one of the caller's Items filters everything out, as an unknown one does. */
  list(userId: string, criteria: AccountCriteria = {}): Promise<AccountEntity[]> {
    if (criteria.itemId != null && !isOpaqueId(criteria.itemId)) return Promise.resolve([]);
    const query = this.ordered(this.accounts.createQueryBuilder('account').where('account.user_id = :userId', { userId }));
    if (criteria.itemId != null) query.andWhere('account.item_id = :itemId', { itemId: criteria.itemId });
    if (criteria.type != null) {
      const types = plaidTypesOf(criteria.type);
      if (types) query.andWhere('account.type = ANY(:types)', { types });
      else query.andWhere('NOT (account.type = ANY(:named))', { named: NAMED_PLAID_TYPES });
    }
    return query.getMany();
  }

  find(userId: string, accountId: string): Promise<AccountEntity | null> {
    return isOpaqueId(accountId) ? this.accounts.findOneBy({ id: accountId, userId }) : Promise.resolve(null);
  }

  /** For DataLoaders: one query for many ids, answered in the order asked. */
  async findMany(userId: string, accountIds: readonly string[]): Promise<Array<AccountEntity | null>> {
    const ids = [...new Set(accountIds.filter(isOpaqueId))];
    const rows = ids.length ? await this.accounts.createQueryBuilder('account').where('account.user_id = :userId AND account.id = ANY(:ids)', { userId, ids }).getMany() : [];
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
    const rows = ids.length ? await this.ordered(this.accounts.createQueryBuilder('account').where('account.user_id = :userId AND account.item_id = ANY(:ids)', { userId, ids })).getMany() : [];
    const byItem = new Map<string, AccountEntity[]>();
    for (const row of rows) {
      const list = byItem.get(row.itemId);
      if (list) list.push(row);
      else byItem.set(row.itemId, [row]);
    }
    return itemIds.map((id) => byItem.get(id) ?? []);
  }

  /** A stable order for lists: as Plaid first reported them, then by name. */
  private ordered(query: SelectQueryBuilder<AccountEntity>): SelectQueryBuilder<AccountEntity> {
    return query.orderBy('account.created_at', 'ASC').addOrderBy('account.name', 'ASC').addOrderBy('account.id', 'ASC');
  }
}
