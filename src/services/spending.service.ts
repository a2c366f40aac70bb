import type { SpendingLimits } from '../config/config';
import type { SpendingGrouping } from '../entities/spending-grouping';
import { badUserInput } from '../errors/domain-error';
import type { SpendingQuery, SpendingRepository, SpendingRow } from '../repositories/spending.repository';
import type { TransactionCriteria } from '../repositories/transaction-record';
import { wellFormedCriteria } from './transaction-query.service';

const DAY_MS = 86_400_000;

export interface SpendingArgs {
  from: string;
  to: string;
  groupBy: SpendingGrouping;
  filter?: TransactionCriteria | null;
}

/** One group's exact sums (numeric text) in one currency. */
export interface SpendingGroupSums {
  key: string;
  currencyCode: string;
  outflow: string;
  inflow: string;
  net: string;
  transactionCount: number;
}

export interface SpendingSummarySums {
  from: string;
  to: string;
  groups: SpendingGroupSums[];
  totals: SpendingGroupSums[];
}

/**
 * The range a summary may cover, or BAD_USER_INPUT: `from` not after `to`, and from..to (both
 * days counted) at most `maxRangeDays`, so one summary reads a bounded slice of history. Dates
 * are the Date scalar's YYYY-MM-DD, compared as UTC calendar days.
 */
export function checkSpendingRange(from: string, to: string, maxRangeDays: number): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw badUserInput(`"from" (${from}) must not be after "to" (${to})`, 'from');
  if (days > maxRangeDays)
    throw badUserInput(`from..to may span at most ${maxRangeDays} days, both counted (got ${days}); ask for a shorter range`, 'to');
}

/** The repository's question for these arguments, after checkSpendingRange (BAD_USER_INPUT). Shared with the read planner. */
export function spendingQueryOf(args: SpendingArgs, { maxRangeDays, maxGroups }: SpendingLimits): SpendingQuery {
  checkSpendingRange(args.from, args.to, maxRangeDays);
  return { from: args.from, to: args.to, grouping: args.groupBy, criteria: wellFormedCriteria(args.filter ?? {}), maxGroups };
}

/** Exact spending summaries of the caller's transactions, per key and currency, never summed across currencies. */
export class SpendingService {
  constructor(private readonly deps: { spending: SpendingRepository; limits: SpendingLimits }) {}

  async summary(userId: string, args: SpendingArgs): Promise<SpendingSummarySums> {
    const rows = await this.deps.spending.summarise(userId, spendingQueryOf(args, this.deps.limits));
    return {
      from: args.from,
      to: args.to,
      groups: rows.filter((row) => !row.total).map(sumsOf),
      totals: rows.filter((row) => row.total).map(sumsOf),
    };
  }
}

function sumsOf(row: SpendingRow): SpendingGroupSums {
  return {
    key: row.key,
    currencyCode: row.currency_code,
    outflow: row.outflow,
    inflow: row.inflow,
    net: row.net,
    transactionCount: row.transaction_count,
  };
}
