import type { Products, SandboxItemFireWebhookRequestWebhookCodeEnum } from 'plaid';
import type { AppConfig } from '../config/config';
import { badUserInput, DomainError } from '../errors/domain-error';
import type { ItemMethod, ItemPlaid, ItemRequestOf } from '../plaid/item-plaid';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient, ResponseOf } from '../plaid/plaid-client';
import { contractErrorOf } from '../plaid/plaid-error-mapping';
import type { ItemService } from './item.service';
import type { LinkSessionRegistry } from './link-session-registry';
import { webhookUrlFor } from './webhook-url';

export interface SandboxPublicTokenOptions {
  institutionId?: string | null;
  products?: Products[] | null;
  username?: string | null;
}

export interface SandboxTransaction {
  amount: number;
  description: string;
  datePosted: string;
  dateTransacted: string;
  isoCurrencyCode?: string | null;
}

export interface SandboxServiceDependencies {
  config: Pick<AppConfig, 'plaid' | 'publicUrl'>;
  plaid: PlaidClient;
  itemPlaid: ItemPlaid;
  items: ItemService;
  linkSessions: LinkSessionRegistry;
}

/** The sandbox users Plaid documents, with the password each needs. */
const SANDBOX_USERS: Record<string, string> = { user_good: 'pass_good', user_transactions_dynamic: 'pass_good' };
const DEFAULT_INSTITUTION = 'ins_109508';
const MAX_SANDBOX_TRANSACTIONS = 10;

/**
 * Drives an Item through every state without a bank or Link, for frontend and mobile teams.
 * Refused (SANDBOX_ONLY) against Plaid production, before anything else is looked at.
 */
export class SandboxService {
  constructor(private readonly deps: SandboxServiceDependencies) {}

  /** Recorded for the user (by its SHA-256): no Link session stands behind it to vouch for their exchange. */
  async createPublicToken(userId: string, options: SandboxPublicTokenOptions): Promise<string> {
    this.assertSandbox();
    const username = options.username ?? 'user_good';
    const password = SANDBOX_USERS[username];
    if (!password) throw badUserInput(`username must be one of ${Object.keys(SANDBOX_USERS).join(', ')}`, 'username');
    let publicToken: string;
    try {
      const answer = await this.deps.plaid.call('sandboxPublicTokenCreate', {
        institution_id: options.institutionId ?? DEFAULT_INSTITUTION,
        initial_products: options.products?.length ? options.products : this.deps.config.plaid.products,
        options: { webhook: webhookUrlFor(this.deps.config.publicUrl), override_username: username, override_password: password },
      });
      publicToken = answer.public_token;
    } catch (error) {
      throw (error instanceof PlaidApiError && sandboxRefused(error)) || contractErrorOf(error);
    }
    await this.deps.linkSessions.recordSandboxPublicToken(userId, publicToken);
    return publicToken;
  }

  async fireWebhook(userId: string, itemId: string, code: SandboxItemFireWebhookRequestWebhookCodeEnum): Promise<boolean> {
    this.assertSandbox();
    return (await this.call(userId, itemId, 'sandboxItemFireWebhook', { webhook_code: code })).webhook_fired;
  }

  async resetLogin(userId: string, itemId: string): Promise<boolean> {
    this.assertSandbox();
    return (await this.call(userId, itemId, 'sandboxItemResetLogin', {})).reset_login;
  }

  async createTransactions(userId: string, itemId: string, transactions: SandboxTransaction[]): Promise<boolean> {
    this.assertSandbox();
    if (transactions.length === 0 || transactions.length > MAX_SANDBOX_TRANSACTIONS) {
      throw badUserInput(`transactions must hold 1 to ${MAX_SANDBOX_TRANSACTIONS} entries`, 'transactions');
    }
    transactions.forEach((transaction, index) => {
      if (!Number.isFinite(transaction.amount) || transaction.amount === 0)
        throw badUserInput('amount must be a non-zero number', `transactions.${index}.amount`);
      if (transaction.description.trim() === '') throw badUserInput('description must not be empty', `transactions.${index}.description`);
      if (transaction.datePosted < transaction.dateTransacted)
        throw badUserInput('datePosted must not be before dateTransacted', `transactions.${index}.datePosted`);
    });
    await this.call(userId, itemId, 'sandboxTransactionsCreate', {
      transactions: transactions.map((t) => ({
        amount: t.amount,
        description: t.description.trim(),
        date_posted: t.datePosted,
        date_transacted: t.dateTransacted,
        ...(t.isoCurrencyCode ? { iso_currency_code: t.isoCurrencyCode } : {}),
      })),
    });
    return true;
  }

  private assertSandbox(): void {
    if (this.deps.config.plaid.env === 'production') {
      throw new DomainError('SANDBOX_ONLY', 'Sandbox controls are not available against Plaid production');
    }
  }

  private async call<M extends ItemMethod>(userId: string, itemId: string, method: M, request: ItemRequestOf<M>): Promise<ResponseOf<M>> {
    const item = await this.deps.items.get(userId, itemId);
    return this.deps.itemPlaid.call(item, method, request, { readError: sandboxRefused });
  }
}

/** What Plaid's sandbox refuses is the client's input at fault. */
function sandboxRefused(error: PlaidApiError): Error | undefined {
  if (error.errorType === 'INVALID_INPUT' || error.errorType === 'INVALID_REQUEST' || error.errorType === 'SANDBOX_ERROR') {
    return badUserInput(`Plaid's sandbox refused: ${error.plaidError?.error_message ?? error.errorCode}`);
  }
  return undefined;
}
