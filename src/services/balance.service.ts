import type { DataSource } from 'typeorm';
import type { AccountEntity } from '../entities/account.entity';
import type { ItemEntity } from '../entities/item.entity';
import { DomainError } from '../errors/domain-error';
import type { ItemPlaid } from '../plaid/item-plaid';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { AccountService } from './account.service';
import type { ItemService } from './item.service';
import { SyncWriter } from '../repositories/sync-writer';

export interface BalanceServiceDependencies {
  dataSource: DataSource;
  itemPlaid: ItemPlaid;
  items: ItemService;
  accounts: AccountService;
}

/** Accounts whose stored balance is the answer, and the Items that could not be read now. */
export interface BalanceReading {
  accounts: AccountEntity[];
  /** Set when the figures were read from the institution in this call. */
  isRealtime: boolean;
  /** One per Item whose real-time read failed; its accounts are left out of `accounts`. */
  failures: DomainError[];
}

/** Balances of the caller's accounts: as last stored, or read from the institution now and stored. */
export class BalanceService {
  constructor(private readonly deps: BalanceServiceDependencies) {}

  /** All the caller's accounts when `accountIds` is null; otherwise each must be the caller's (NOT_FOUND). */
  async stored(userId: string, accountIds: readonly string[] | null): Promise<BalanceReading> {
    return { accounts: await this.accountsOf(userId, accountIds), isRealtime: false, failures: [] };
  }

  /**
   * One /accounts/balance/get per Item, for just the accounts asked, in parallel; each answer
   * is stored before it is returned. An Item that fails is reported, the others still answer.
   */
  async realtime(userId: string, accountIds: readonly string[] | null): Promise<BalanceReading> {
    const accounts = await this.accountsOf(userId, accountIds);
    const byItem = new Map<string, AccountEntity[]>();
    for (const account of accounts) {
      const list = byItem.get(account.itemId);
      if (list) list.push(account);
      else byItem.set(account.itemId, [account]);
    }
    const items = (await this.deps.items.findMany(userId, [...byItem.keys()])).filter((item): item is ItemEntity => item !== null);
    const failures = new Map<string, DomainError>();
    await Promise.all(
      items.map(async (item) => {
        const failure = await this.readItem(item, byItem.get(item.id) ?? []);
        if (failure) failures.set(item.id, failure);
      }),
    );
    // Read back what was stored, so the answer is exactly the stored figures and their time.
    const fresh = await this.deps.accounts.findMany(
      userId,
      accounts.filter((account) => !failures.has(account.itemId)).map((account) => account.id),
    );
    return {
      accounts: fresh.filter((account): account is AccountEntity => account !== null),
      isRealtime: true,
      failures: [...failures.values()],
    };
  }

  private accountsOf(userId: string, accountIds: readonly string[] | null): Promise<AccountEntity[]> {
    return accountIds === null ? this.deps.accounts.list(userId) : this.deps.accounts.getMany(userId, accountIds);
  }

  /** Undefined when the Item's balances were read and stored; the contract's error otherwise. */
  private async readItem(item: ItemEntity, accounts: AccountEntity[]): Promise<DomainError | undefined> {
    let answer;
    try {
      answer = await this.deps.itemPlaid.call(
        item,
        'accountsBalanceGet',
        { options: { account_ids: accounts.map((account) => account.plaidAccountId) } },
        { retryRateLimits: false },
      );
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    // Under the Item's lock, like every other write of its accounts (a sync's, a removal's cascade).
    await this.deps.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, item.id);
      await new SyncWriter(manager, item.id, item.userId).upsertAccounts(answer.accounts, new Date());
    });
    return undefined;
  }
}
