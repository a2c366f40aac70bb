import DataLoader from 'dataloader';
import type { AccountEntity } from '../entities/account.entity';
import type { ItemEntity } from '../entities/item.entity';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import { unauthenticated } from '../errors/domain-error';
import type { Services } from '../services/services';
import type { AnnotationRecord } from '../services/transaction-annotation.service';
import type { TransactionPage, TransactionPageRequest } from '../services/transaction-query.service';

/** Per-request batching: every relation a field resolver follows goes through one of these. */
export interface RequestLoaders {
  profileByUserId: DataLoader<string, UserProfileEntity | null>;
  /** The caller's rows only: another user's id loads null, as an unknown one does. */
  itemById: DataLoader<string, ItemEntity | null>;
  accountById: DataLoader<string, AccountEntity | null>;
  accountsByItemId: DataLoader<string, AccountEntity[]>;
  /** By transaction id: the caller's annotation, null when there is none (or the transaction is not the caller's). */
  annotationByTransactionId: DataLoader<string, AnnotationRecord | null>;
  /** Keyed by scope and arguments: one statement per distinct argument set, however many parents. */
  transactionPages: DataLoader<TransactionPageRequest, TransactionPage, string>;
}

export function createRequestLoaders(services: Services, userId: string | null): RequestLoaders {
  const owner = () => {
    if (userId === null) throw unauthenticated();
    return userId;
  };
  return {
    profileByUserId: new DataLoader((userIds) => services.profiles.findByUserIds(userIds)),
    itemById: new DataLoader((ids) => services.items.findMany(owner(), ids)),
    accountById: new DataLoader((ids) => services.accounts.findMany(owner(), ids)),
    accountsByItemId: new DataLoader((itemIds) => services.accounts.listByItemIds(owner(), itemIds)),
    annotationByTransactionId: new DataLoader((ids) => services.annotations.findMany(owner(), ids)),
    transactionPages: new DataLoader((requests) => services.transactions.pages(owner(), requests), {
      cacheKeyFn: (request) =>
        JSON.stringify([request.scope, request.scopeId, request.withTotalCount, [...request.fields].sort(), request.args]),
    }),
  };
}
