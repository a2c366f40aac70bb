import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';

export interface OwnedAccountFilter {
  itemId?: string;
  /** Only these Plaid types. */
  types?: readonly string[];
  /** None of these Plaid types. */
  notTypes?: readonly string[];
}

/** The accounts table, read through the owner's user id. Lists come in a stable order: as Plaid first reported them, then by name. */
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  listOwned(userId: string, filter: OwnedAccountFilter = {}): Promise<AccountEntity[]> {
    const query = this.ordered(this.query().where('account.user_id = :userId', { userId }));
    if (filter.itemId !== undefined) query.andWhere('account.item_id = :itemId', { itemId: filter.itemId });
    if (filter.types) query.andWhere('account.type = ANY(:types)', { types: filter.types });
    if (filter.notTypes) query.andWhere('NOT (account.type = ANY(:named))', { named: filter.notTypes });
    return query.getMany();
  }

  findOwned(userId: string, accountId: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOneBy({ id: accountId, userId });
  }

  findManyOwned(userId: string, accountIds: string[]): Promise<AccountEntity[]> {
    return accountIds.length
      ? this.query().where('account.user_id = :userId AND account.id = ANY(:ids)', { userId, ids: accountIds }).getMany()
      : Promise.resolve([]);
  }

  listOwnedByItems(userId: string, itemIds: string[]): Promise<AccountEntity[]> {
    return itemIds.length
      ? this.ordered(this.query().where('account.user_id = :userId AND account.item_id = ANY(:ids)', { userId, ids: itemIds })).getMany()
      : Promise.resolve([]);
  }

  async deleteByPlaidId(db: EntityManager, itemId: string, plaidAccountId: string): Promise<void> {
    await db.query('DELETE FROM accounts WHERE item_id = $1 AND plaid_account_id = $2', [itemId, plaidAccountId]);
  }

  private query(): SelectQueryBuilder<AccountEntity> {
    return this.dataSource.getRepository(AccountEntity).createQueryBuilder('account');
  }

  private ordered(query: SelectQueryBuilder<AccountEntity>): SelectQueryBuilder<AccountEntity> {
    return query.orderBy('account.created_at', 'ASC').addOrderBy('account.name', 'ASC').addOrderBy('account.id', 'ASC');
  }
}
