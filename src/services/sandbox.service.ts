import type { Products, SandboxItemFireWebhookRequestWebhookCodeEnum } from 'plaid';
import type { AppConfig } from '../config/config';
import { badUserInput, DomainError } from '../errors/domain-error';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient, PlaidMethod, RequestOf, ResponseOf } from '../plaid/plaid-client';
import { toDomainError } from '../plaid/plaid-error-mapping';
import type { AccessTokenVault } from './access-token-vault';
import type { ItemService } from './item.service';
import type { LinkService } from './link.service';

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

/** The sandbox users Plaid documents, with the password each needs. */
const SANDBOX_USERS: Record<string, string> = { user_good: 'pass_good', user_transactions_dynamic: 'pass_good' };
const DEFAULT_INSTITUTION = 'ins_109508';
const MAX_SANDBOX_TRANSACTIONS = 10;

/**
 * Drives an Item through every state without a bank or Link, for frontend and mobile teams.
 * Refused (SANDBOX_ONLY) against Plaid production, before anything else is looked at.
 */
export class SandboxService {
  constructor(
    private readonly deps: {
      config: Pick<AppConfig, 'plaid'>;
      plaid: PlaidClient;
      vault: AccessTokenVault;
      items: ItemService;
      link: LinkService;
    },
  ) {}

  async createPublicToken(options: SandboxPublicTokenOptions): Promise<string> {
    this.assertSandbox();
    const username = options.username ?? 'user_good';
    const password = SANDBOX_USERS[username];
    if (!password) throw badUserInput(`username must be one of ${Object.keys(SANDBOX_USERS).join(', ')}`, 'username');
    const answer = await this.call('sandboxPublicTokenCreate', {
      institution_id: options.institutionId ?? DEFAULT_INSTITUTION,
      initial_products: options.products?.length ? options.products : this.deps.config.plaid.products,
      options: { webhook: this.deps.link.webhookUrl, override_username: username, override_password: password },
    });
    return answer.public_token;
  }

  async fireWebhook(userId: string, itemId: string, code: SandboxItemFireWebhookRequestWebhookCodeEnum): Promise<boolean> {
    this.assertSandbox();
    const accessToken = await this.accessToken(userId, itemId);
    return (await this.call('sandboxItemFireWebhook', { access_token: accessToken, webhook_code: code }, itemId)).webhook_fired;
  }

  async resetLogin(userId: string, itemId: string): Promise<boolean> {
    this.assertSandbox();
    const accessToken = await this.accessToken(userId, itemId);
    return (await this.call('sandboxItemResetLogin', { access_token: accessToken }, itemId)).reset_login;
  }

  async createTransactions(userId: string, itemId: string, transactions: SandboxTransaction[]): Promise<boolean> {
    this.assertSandbox();
    if (transactions.length === 0 || transactions.length > MAX_SANDBOX_TRANSACTIONS) {
      throw badUserInput(`transactions must hold 1 to ${MAX_SANDBOX_TRANSACTIONS} entries`, 'transactions');
    }
    transactions.forEach((transaction, index) => {
      if (!Number.isFinite(transaction.amount) || transaction.amount === 0) throw badUserInput('amount must be a non-zero number', `transactions.${index}.amount`);
      if (transaction.description.trim() === '') throw badUserInput('description must not be empty', `transactions.${index}.description`);
      if (transaction.datePosted < transaction.dateTransacted) throw badUserInput('datePosted must not be before dateTransacted', `transactions.${index}.datePosted`);
    });
    const accessToken = await this.accessToken(userId, itemId);
    await this.call(
      'sandboxTransactionsCreate',
      {
        access_token: accessToken,
        transactions: transactions.map((t) => ({
          amount: t.amount,
          description: t.description.trim(),
          date_posted: t.datePosted,
          date_transacted: t.dateTransacted,
          ...(t.isoCurrencyCode ? { iso_currency_code: t.isoCurrencyCode } : {}),
        })),
      },
      itemId,
    );
    return true;
  }

  private assertSandbox(): void {
    if (this.deps.config.plaid.env === 'production') {
      throw new DomainError('SANDBOX_ONLY', 'Sandbox controls are not available against Plaid production');
    }
  }

  private async accessToken(userId: string, itemId: string): Promise<string> {
    return this.deps.vault.open(await this.deps.items.get(userId, itemId));
  }

  private async call<M extends PlaidMethod>(method: M, request: RequestOf<M>, itemId?: string): Promise<ResponseOf<M>> {
    try {
      return await this.deps.plaid.call(method, request);
    } catch (error) {
      if (error instanceof PlaidApiError && (error.errorType === 'INVALID_INPUT' || error.errorType === 'INVALID_REQUEST' || error.errorType === 'SANDBOX_ERROR')) {
        throw badUserInput(`Plaid's sandbox refused: ${error.plaidError?.error_message ?? error.errorCode}`);
      }
      throw error instanceof PlaidApiError ? toDomainError(error, { itemId }) : error;
    }
  }
}
