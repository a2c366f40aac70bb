import { Arg, Authorized, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Balance } from '../schema/balance.type';
import type { GraphQLContext } from '../context/graphql-context';
import { reportPartialError } from '../context/partial-errors';
import type { Services } from '../services/services';
import { toBalance } from './account-mapping';
import { CallerId } from './caller-id.decorator';
import { CallsPlaid } from './calls-plaid';

const BALANCES_DESCRIPTION = [
  "Balances of the user's accounts (all of them when accountIds is omitted).",
  'realtime=false returns the last known balances, free and instant.',
  'realtime=true asks the institution now (Plaid /accounts/balance/get), stores the answer and',
  'returns it; it is slower and rate limited (Plaid allows about 5 calls a minute per Item).',
].join('\n');

@Resolver(() => Balance)
export class BalanceResolver {
  constructor(private readonly services: Services) {}

  /** An Item whose real-time read fails leaves out its accounts and adds its error; the others still answer. */
  @Authorized()
  @CallsPlaid({ whenArgument: 'realtime' })
  @Query(() => [Balance], { description: BALANCES_DESCRIPTION })
  async balances(
    @Arg('accountIds', () => [ID], { nullable: true }) accountIds: string[] | null,
    @Arg('realtime', () => Boolean, { defaultValue: false }) realtime: boolean,
    @CallerId() userId: string,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Balance[]> {
    // An omitted argument arrives as undefined: both mean "all accounts".
    const ids = accountIds ?? null;
    const reading = realtime ? await this.services.balances.realtime(userId, ids) : await this.services.balances.stored(userId, ids);
    for (const failure of reading.failures) reportPartialError(context, info, failure);
    return reading.accounts.map((account) => toBalance(account, reading.isRealtime));
  }
}
