import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ItemStatus } from '../entities/item-status';
import type { FlowDirection } from '../entities/recurring-stream-kinds';
import { badUserInput } from '../errors/domain-error';
import type { ItemPlaid } from '../plaid/item-plaid';
import { fetchRecurringStreams } from '../plaid/recurring-streams';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { ItemRepository } from '../repositories/item.repository';
import type {
  RecurringStreamCriteria,
  RecurringStreamRecord,
  RecurringStreamRepository,
} from '../repositories/recurring-stream.repository';
import { exactAmount } from './exact-amount';
import { isOpaqueId } from './opaque-id';

export type { RecurringStreamRecord } from '../repositories/recurring-stream.repository';

export interface RecurringStreamFilter {
  itemId?: string | null;
  accountIds?: readonly string[] | null;
  direction?: FlowDirection | null;
}

export interface RecurringStreamServiceDependencies {
  dataSource: DataSource;
  itemPlaid: Pick<ItemPlaid, 'call'>;
  items: ItemRepository;
  streams: RecurringStreamRepository;
  /** The most accountIds one read may name (GRAPHQL_MAX_PAGE_SIZE, the bound of every list a client asks for). */
  maxAccountIds: number;
  logger: Logger;
}

/**
 * The filter checked (BAD_USER_INPUT past `maxAccountIds`) and made well-formed for SQL; null
 * when it matches nothing. Shared by the service and the read planner.
 */
export function streamCriteriaOf(filter: RecurringStreamFilter, maxAccountIds: number): RecurringStreamCriteria | null {
  const accountIds = filter.accountIds ?? null;
  if (accountIds !== null && accountIds.length > maxAccountIds) {
    throw badUserInput(`"accountIds" may name at most ${maxAccountIds} accounts (got ${accountIds.length})`, 'accountIds');
  }
  const itemId = filter.itemId ?? null;
  // An id that cannot be one matches nothing, as an unknown one does.
  if (itemId !== null && !isOpaqueId(itemId)) return null;
  return {
    itemId,
    accountIds: accountIds === null ? null : [...new Set(accountIds.filter(isOpaqueId))],
    direction: filter.direction ?? null,
  };
}

/**
 * Recurring streams: reads answer from the stored copy only; a refresh (a job, never a
 * request) asks Plaid and replaces the Item's copy in one transaction. A refresh that fails
 * (PRODUCT_NOT_READY, Plaid down) writes nothing, so the old copy stays until a retry works.
 */
export class RecurringStreamService {
  constructor(private readonly deps: RecurringStreamServiceDependencies) {}

  async list(userId: string, filter: RecurringStreamFilter): Promise<RecurringStreamRecord[]> {
    const criteria = streamCriteriaOf(filter, this.deps.maxAccountIds);
    return criteria ? this.deps.streams.list(userId, criteria) : [];
  }

  /** Asks Plaid for the Item's streams and stores them; an Item gone or revoked meanwhile keeps nothing new. */
  async refresh(itemId: string, reason: string): Promise<void> {
    const item = await this.deps.items.findById(itemId);
    if (!item || item.status === ItemStatus.REVOKED) return;
    // Plaid's JSON numbers become the decimals Plaid meant (0.1, not 0.1000000000000000055), never float arithmetic.
    const streams = (await fetchRecurringStreams(this.deps.itemPlaid, item)).map((stream) => ({
      ...stream,
      averageAmount: exactAmount(stream.averageAmount).toFixed(),
      lastAmount: exactAmount(stream.lastAmount).toFixed(),
    }));
    const stored = await this.deps.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, itemId);
      const current = await this.deps.items.findById(itemId, manager);
      if (!current || current.status === ItemStatus.REVOKED) return null;
      return this.deps.streams.replaceForItem(manager, itemId, streams);
    });
    this.deps.logger.info({ itemId, reason, fetched: streams.length, stored }, 'recurring streams refreshed');
  }
}
