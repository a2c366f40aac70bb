import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../schema/scalars';
import { SpendingGrouping, SpendingSummary } from '../schema/spending.types';
import { TransactionFilter } from '../schema/transaction-filter.input';
import type { Services } from '../services/services';
import { CallerId } from './caller-id.decorator';
import { FieldCost } from './field-cost';

/** A summary reads up to SPENDING_MAX_RANGE_DAYS of the user's history: priced as two full pages of 500 transactions. */
export const SPENDING_COST = 1000;

@Resolver()
export class SpendingResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @FieldCost(SPENDING_COST)
  @Query(() => SpendingSummary, {
    description: `Sums of the user's transactions dated from..to (inclusive), grouped, exact. Hidden
transactions are left out; pending ones are included. \`filter\` narrows as in transactions.`,
  })
  spending(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('groupBy', () => SpendingGrouping, { defaultValue: SpendingGrouping.CATEGORY }) groupBy: SpendingGrouping,
    @Arg('filter', () => TransactionFilter, { nullable: true }) filter: TransactionFilter | null,
    @CallerId() userId: string,
  ): Promise<SpendingSummary> {
    return this.services.spending.summary(userId, { from, to, groupBy, filter });
  }
}
