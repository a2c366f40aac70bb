import { badUserInput } from '../errors/domain-error';
import type { TransactionRepository } from '../repositories/transaction.repository';
import type {
  PageRecord,
  TransactionCriteria,
  TransactionField,
  TransactionRecord,
  TransactionScope,
} from '../repositories/transaction-record';
import { decodeTransactionCursor, type TransactionKey } from './transaction-cursor';
import { isOpaqueId } from './opaque-id';

// What resolvers read of a transaction comes through this service, never from the repository.
export {
  isTransactionField,
  type PageRecord,
  type TransactionCriteria,
  type TransactionField,
  type TransactionRecord,
  type TransactionScope,
} from '../repositories/transaction-record';

export interface TransactionPageArgs {
  filter?: TransactionCriteria | null;
  /** null means the default page size. */
  first?: number | null;
  after?: string | null;
}

export interface TransactionPageRequest {
  scope: TransactionScope;
  scopeId: string;
  args: TransactionPageArgs;
  /** Count every match too: only when the operation selects totalCount, since it reads the whole history. */
  withTotalCount: boolean;
  /** The record fields to read beside the key fields; each column costs parsing on every row. */
  fields: readonly TransactionField[];
}

export interface TransactionPage {
  records: PageRecord[];
  hasNextPage: boolean;
  /** Every transaction matching the filter in the scope, whatever the cursor; only when asked for. */
  totalCount?: number;
}

/** The page `first: null` or no `first` gets; the schema's default value too. */
export const DEFAULT_PAGE_SIZE = 50;

export interface ValidPageArgs {
  criteria: TransactionCriteria;
  first: number;
  after: TransactionKey | null;
}

export interface TransactionQueryServiceDependencies {
  transactions: TransactionRepository;
  /** GRAPHQL_MAX_PAGE_SIZE: the operation guard refuses larger pages first; this holds for every caller. */
  maxPageSize: number;
}

/**
 * Keyset pages of transactions, newest first on (date, id), always within the caller's rows.
 * Pages for many Items or accounts with the same arguments are one SQL statement.
 */
export class TransactionQueryService {
  constructor(private readonly deps: TransactionQueryServiceDependencies) {}

  async find(userId: string, transactionId: string): Promise<TransactionRecord | null> {
    return isOpaqueId(transactionId) ? this.deps.transactions.findOwned(userId, transactionId) : null;
  }

  async page(userId: string, request: TransactionPageRequest): Promise<TransactionPage> {
    const [page] = await this.pagesFor(
      userId,
      request.scope,
      [request.scopeId],
      validPageArgs(request.args, this.deps.maxPageSize),
      request,
    );
    return page;
  }

  /**
   * For DataLoaders: one statement per distinct (scope, arguments) among the requests, answered
   * in the order asked; invalid arguments fail only the requests that carry them.
   */
  async pages(userId: string, requests: readonly TransactionPageRequest[]): Promise<Array<TransactionPage | Error>> {
    const groups = new Map<
      string,
      { scope: TransactionScope; args: TransactionPageArgs; withTotalCount: boolean; fields: TransactionField[]; indexes: number[] }
    >();
    requests.forEach((request, index) => {
      const fields = [...new Set(request.fields)].sort();
      const key = `${request.scope}:${request.withTotalCount}:${fields.join(',')}:${argumentsKey(request.args)}`;
      const group = groups.get(key) ?? {
        scope: request.scope,
        args: request.args,
        withTotalCount: request.withTotalCount,
        fields,
        indexes: [],
      };
      group.indexes.push(index);
      groups.set(key, group);
    });
    const answers = new Array<TransactionPage | Error>(requests.length);
    await Promise.all(
      [...groups.values()].map(async ({ scope, args, withTotalCount, fields, indexes }) => {
        try {
          const pages = await this.pagesFor(
            userId,
            scope,
            indexes.map((index) => requests[index].scopeId),
            validPageArgs(args, this.deps.maxPageSize),
            { withTotalCount, fields },
          );
          indexes.forEach((index, position) => (answers[index] = pages[position]));
        } catch (error) {
          for (const index of indexes) answers[index] = error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    return answers;
  }

  private async pagesFor(
    userId: string,
    scope: TransactionScope,
    scopeIds: readonly string[],
    args: ValidPageArgs,
    { withTotalCount, fields }: Pick<TransactionPageRequest, 'withTotalCount' | 'fields'>,
  ): Promise<TransactionPage[]> {
    const empty = (): TransactionPage => ({ records: [], hasNextPage: false, totalCount: withTotalCount ? 0 : undefined });
    const distinct = [...new Set(scope === 'user' ? scopeIds : scopeIds.filter(isOpaqueId))];
    const wellFormed = wellFormedCriteria(args.criteria);
    if (distinct.length === 0 || wellFormed === null) return scopeIds.map(empty);
    const byScope = await this.deps.transactions.keysetPages(userId, {
      scope,
      scopeIds: distinct,
      criteria: wellFormed,
      first: args.first,
      after: args.after,
      withTotalCount,
      fields,
    });
    return scopeIds.map((id) => byScope.get(id) ?? empty());
  }
}

/**
 * The filter as SQL may see it: null when it matches nothing (an Item id that cannot be one,
 * in any scope); account ids that cannot be one are left out.
 */
export function wellFormedCriteria(criteria: TransactionCriteria): TransactionCriteria | null {
  if (criteria.itemId != null && !isOpaqueId(criteria.itemId)) return null;
  const wellFormed = criteria.accountIds != null ? { ...criteria, accountIds: criteria.accountIds.filter(isOpaqueId) } : criteria;
  // Tags are stored trimmed (annotation-rules.ts): " rent " finds what was tagged "rent".
  return wellFormed.tags != null ? { ...wellFormed, tags: wellFormed.tags.map((tag) => tag.trim()) } : wellFormed;
}

/** A page's arguments checked (BAD_USER_INPUT), shared by the resolvers' pages and the read planner's. */
export function validPageArgs(args: TransactionPageArgs, maxPageSize: number): ValidPageArgs {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw badUserInput(`"first" on transactions must be between 1 and ${maxPageSize} (got ${first})`, 'first');
  }
  return { criteria: args.filter ?? {}, first, after: args.after == null ? null : decodeTransactionCursor(args.after) };
}

/** The same arguments written in any order or spelling batch together. */
function argumentsKey(args: TransactionPageArgs): string {
  const filter = args.filter ?? {};
  const keys = Object.keys(filter).sort() as Array<keyof TransactionCriteria>;
  return JSON.stringify([
    args.first ?? DEFAULT_PAGE_SIZE,
    args.after ?? null,
    keys.filter((key) => filter[key] != null).map((key) => [key, filter[key]]),
  ]);
}
