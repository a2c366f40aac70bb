import type { SandboxItemFireWebhookRequestWebhookCodeEnum } from 'plaid';
import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import { SandboxWebhookCode } from '../schema/enums';
import { SandboxPublicToken, SandboxPublicTokenInput, SandboxTransactionInput } from '../schema/sandbox.types';
import type { Services } from '../services/services';
import { CallerId } from './caller-id.decorator';
import { toPlaidProducts } from './product-mapping';
import { CallsPlaid } from './calls-plaid';

@Resolver()
export class SandboxResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @CallsPlaid()
  @Mutation(() => SandboxPublicToken, { description: 'Creates a sandbox public_token, as if the user had finished Link.' })
  async sandboxCreatePublicToken(
    @Arg('input', () => SandboxPublicTokenInput, { nullable: true }) input: SandboxPublicTokenInput | null,
    @CallerId() userId: string,
  ): Promise<SandboxPublicToken> {
    const publicToken = await this.services.sandbox.createPublicToken(userId, { ...input, products: toPlaidProducts(input?.products) });
    return { publicToken };
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => Boolean, {
    description: "Asks Plaid to fire a webhook for the Item; it arrives, verified, at the gateway's webhook endpoint.",
  })
  sandboxFireWebhook(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('code', () => SandboxWebhookCode) code: SandboxWebhookCode,
    @CallerId() userId: string,
  ): Promise<boolean> {
    // PENDING_EXPIRATION is newer than Plaid's enum: Plaid (or the emulator) decides whether it can fire it.
    return this.services.sandbox.fireWebhook(userId, itemId, code as string as SandboxItemFireWebhookRequestWebhookCodeEnum);
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => Boolean, { description: 'Forces the Item into ITEM_LOGIN_REQUIRED.' })
  sandboxResetLogin(@Arg('itemId', () => ID) itemId: string, @CallerId() userId: string): Promise<boolean> {
    return this.services.sandbox.resetLogin(userId, itemId);
  }

  @Authorized()
  @CallsPlaid()
  @Mutation(() => Boolean, { description: 'Adds transactions at the institution (they arrive with the next sync).' })
  sandboxCreateTransactions(
    @Arg('itemId', () => ID) itemId: string,
    @Arg('transactions', () => [SandboxTransactionInput]) transactions: SandboxTransactionInput[],
    @CallerId() userId: string,
  ): Promise<boolean> {
    return this.services.sandbox.createTransactions(userId, itemId, transactions);
  }
}
