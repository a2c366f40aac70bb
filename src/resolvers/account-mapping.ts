import type { AccountEntity } from '../entities/account.entity';
import type { Account } from '../schema/account.type';
import type { Balance } from '../schema/balance.type';
import { moneyOf } from '../money/money';
import { accountTypeOf } from '../services/account-type';

/** For the deprecated Float fields only: the Money fields keep the stored numeric text. */
const float = (value: string | null) => (value === null ? null : Number(value));

export function toBalance(entity: AccountEntity, isRealtime: boolean): Balance {
  return {
    accountId: entity.id,
    available: float(entity.balanceAvailable),
    current: float(entity.balanceCurrent),
    limit: float(entity.balanceLimit),
    currentMoney: moneyOf(entity.balanceCurrent, entity.isoCurrencyCode, entity.unofficialCurrencyCode),
    availableMoney: moneyOf(entity.balanceAvailable, entity.isoCurrencyCode, entity.unofficialCurrencyCode),
    limitMoney: moneyOf(entity.balanceLimit, entity.isoCurrencyCode, entity.unofficialCurrencyCode),
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
