import type { AccountEntity } from '../entities/account.entity';
import type { Account } from '../schema/account.type';
import type { Balance } from '../schema/balance.type';
import { accountTypeOf } from '../services/account-type';

const money = (value: string | null) => (value === null ? null : Number(value));

export function toBalance(entity: AccountEntity, isRealtime: boolean): Balance {
  return {
    accountId: entity.id,
    available: money(entity.balanceAvailable),
    current: money(entity.balanceCurrent),
    limit: money(entity.balanceLimit),
    isoCurrencyCode: entity.isoCurrencyCode,
    unofficialCurrencyCode: entity.unofficialCurrencyCode,
    lastUpdatedAt: entity.balanceUpdatedAt,
    isRealtime,
  };
}

export function toAccount(entity: AccountEntity): Account {
  return {
    id: entity.id,
    plaidAccountId: entity.plaidAccountId,
    itemId: entity.itemId,
    name: entity.name,
    officialName: entity.officialName,
    mask: entity.mask,
    type: accountTypeOf(entity.type),
    subtype: entity.subtype,
    balance: toBalance(entity, false),
  };
}
