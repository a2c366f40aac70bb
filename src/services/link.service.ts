import { randomUUID } from 'node:crypto';
import { CountryCode, Products, type AccountBase, type ItemWithConsentFields, type LinkTokenCreateRequest } from 'plaid';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { badUserInput, DomainError } from '../errors/domain-error';
import type { JobQueue } from '../jobs/job-queue';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { toDomainError } from '../plaid/plaid-error-mapping';
import type { AccessTokenVault } from './access-token-vault';
import type { ItemStatusService } from './item-status.service';
import type { ItemService } from './item.service';
import { lockItemInTransaction } from './item-lock';
import { statusForPlaidError } from './item-status-for-error';
import { SyncWriter } from './sync-writer';
import { deleteItemTransactions } from './transaction-change-log';
import { webhookUrlFor } from './webhook-url-migration.service';

export interface LinkTokenOptions {
  products?: Products[] | null;
  redirectUri?: string | null;
  androidPackageName?: string | null;
  language?: string | null;
  countryCodes?: string[] | null;
}

export interface IssuedLinkToken {
  linkToken: string;
  expiration: Date;
}

export interface ExchangeInput {
  publicToken: string;
  institutionId?: string | null;
  institutionName?: string | null;
}

export interface LinkServiceDependencies {
  dataSource: DataSource;
  plaid: PlaidClient;
  vault: AccessTokenVault;
  items: ItemService;
  itemStatus: ItemStatusService;
  jobs: JobQueue;
  config: Pick<AppConfig, 'publicUrl'> & { plaid: Pick<AppConfig['plaid'], 'products' | 'countryCodes' | 'clientName'> };
  logger: Logger;
}

/** Languages Link is offered in. */
const LINK_LANGUAGES = new Set(['da', 'de', 'en', 'es', 'et', 'fr', 'it', 'lt', 'lv', 'nl', 'no', 'pl', 'pt', 'ro', 'sv']);
const COUNTRY_CODES = new Set<string>(Object.values(CountryCode));
const ANDROID_PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
/** Plaid's answers to a public token that is unknown, expired or already exchanged. */
const BAD_PUBLIC_TOKEN = new Set(['INVALID_PUBLIC_TOKEN', 'INVALID_FIELD', 'MISSING_FIELDS']);
/** An Item that Plaid no longer knows has nothing left to remove there. */
const GONE_AT_PLAID = new Set(['ITEM_NOT_FOUND', 'INVALID_ACCESS_TOKEN']);

/**
 * Connecting a bank and keeping the connection healthy: link tokens, the public-token
 * exchange, update mode, removal. The gateway decides an Item's health from Plaid's own
 * answers, never from the client's word.
 */
export class LinkService {
  constructor(private readonly deps: LinkServiceDependencies) {}

  get webhookUrl(): string {
    return webhookUrlFor(this.deps.config.publicUrl);
  }

  /** A fresh token on every call: Link tokens are single use. */
  async createLinkToken(userId: string, options: LinkTokenOptions = {}): Promise<IssuedLinkToken> {
    const products = options.products?.length ? options.products : this.deps.config.plaid.products;
    return this.issueLinkToken({ ...this.baseLinkRequest(userId, options), products });
  }

  /** Update mode: the Item's access token instead of products; account selection on request. */
  async createRelinkToken(userId: string, itemId: string, accountSelection: boolean): Promise<IssuedLinkToken> {
    const item = await this.deps.items.get(userId, itemId);
    return this.issueLinkToken(
      {
        ...this.baseLinkRequest(userId, {}),
        access_token: this.deps.vault.open(item),
        ...(accountSelection ? { update: { account_selection_enabled: true } } : {}),
      },
      itemId,
    );
  }

  async exchangePublicToken(userId: string, input: ExchangeInput): Promise<ItemEntity> {
    const publicToken = input.publicToken.trim();
    if (publicToken === '' || publicToken.length > 200) throw badUserInput('publicToken is not a public token', 'publicToken');
    let exchanged;
    try {
      exchanged = await this.deps.plaid.call('itemPublicTokenExchange', { public_token: publicToken });
    } catch (error) {
      if (error instanceof PlaidApiError && error.errorCode && BAD_PUBLIC_TOKEN.has(error.errorCode)) {
        throw badUserInput('The public token is invalid, expired or already used; start Link again', 'publicToken');
      }
      throw error instanceof PlaidApiError ? toDomainError(error) : error;
    }
    const accessToken = exchanged.access_token;
    try {
      return await this.storeNewItem(userId, exchanged.item_id, accessToken, input);
    } catch (error) {
      // Nothing is kept of an Item the gateway will not track, so it must not stay billed at Plaid.
      await this.removeAtPlaid(accessToken).catch((removal: unknown) =>
        this.deps.logger.error({ err: removal, plaidItemId: exchanged.item_id }, 'could not remove an unstored Item at Plaid'),
      );
      throw error instanceof PlaidApiError ? toDomainError(error) : error;
    }
  }

  /** After update mode: asks Plaid itself whether the Item works again. */
  async completeRelink(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.deps.items.get(userId, itemId);
    const accessToken = this.deps.vault.open(item);
    let plaidItem: ItemWithConsentFields;
    let accounts: AccountBase[];
    try {
      [plaidItem, accounts] = await Promise.all([
        this.deps.plaid.call('itemGet', { access_token: accessToken }).then((answer) => answer.item),
        this.deps.plaid.call('accountsGet', { access_token: accessToken }).then((answer) => answer.accounts),
      ]);
    } catch (error) {
      if (error instanceof PlaidApiError && error.errorCode === 'ITEM_LOGIN_REQUIRED') {
        await this.markBroken(item.id, { error_type: error.errorType ?? 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: error.plaidError?.error_message ?? '', display_message: error.plaidError?.display_message ?? null });
      }
      throw error instanceof PlaidApiError ? toDomainError(error, { itemId }) : error;
    }
    if (plaidItem.error) {
      await this.markBroken(item.id, plaidItem.error);
      throw toDomainError(PlaidApiError.fromPlaidError('itemGet', plaidItem.error), { itemId });
    }
    await this.deps.dataSource.transaction(async (manager) => {
      await new SyncWriter(manager, item.id, userId).upsertAccounts(accounts, new Date());
      await manager.update(ItemEntity, { id: item.id }, { newAccountsAvailable: false, consentExpiresAt: parseDate(plaidItem.consent_expiration_time) });
    });
    await this.deps.itemStatus.apply(item.id, { status: ItemStatus.ACTIVE, reason: 'RELINK_COMPLETED', occurredAt: new Date(), error: null });
    await this.deps.jobs.enqueueSync({ itemId: item.id, reason: 'relink' });
    return this.deps.items.get(userId, itemId);
  }

  /** Removes the Item at Plaid, then everything of it here, in one transaction. */
  async removeItem(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.deps.items.get(userId, itemId);
    try {
      await this.removeAtPlaid(this.deps.vault.open(item));
    } catch (error) {
      if (!(error instanceof PlaidApiError)) throw error;
      if (!error.errorCode || !GONE_AT_PLAID.has(error.errorCode)) throw toDomainError(error, { itemId });
      this.deps.logger.info({ itemId, plaidErrorCode: error.errorCode }, 'Item already gone at Plaid; removing it here');
    }
    const removed = Object.assign(new ItemEntity(), item, { status: ItemStatus.REVOKED, updatedAt: new Date() });
    const recorded = await this.deps.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, item.id);
      // The Item's row before the user's stream, in the order status changes take them.
      await manager.query('SELECT 1 FROM items WHERE id = $1 FOR UPDATE', [item.id]);
      // Logged one by one as removed, which the cascade would not do.
      await deleteItemTransactions(manager, item.id, userId);
      await manager.delete(ItemEntity, { id: item.id });
      return this.deps.itemStatus.record(manager, { item: removed, previousStatus: item.status }, 'ITEM_REMOVED', new Date());
    });
    this.deps.itemStatus.publish(recorded);
    return removed;
  }

  private baseLinkRequest(userId: string, options: LinkTokenOptions): Omit<LinkTokenCreateRequest, 'products'> {
    const language = (options.language ?? 'en').toLowerCase();
    if (!LINK_LANGUAGES.has(language)) throw badUserInput(`language must be one of ${[...LINK_LANGUAGES].join(', ')}`, 'language');
    const countryCodes = options.countryCodes?.length ? options.countryCodes.map((code) => code.toUpperCase()) : this.deps.config.plaid.countryCodes;
    const unknown = countryCodes.find((code) => !COUNTRY_CODES.has(code));
    if (unknown) throw badUserInput(`countryCodes: "${unknown}" is not a country Plaid serves`, 'countryCodes');
    if (options.redirectUri && !isRedirectUri(options.redirectUri)) throw badUserInput('redirectUri must be an https URL (http only for localhost)', 'redirectUri');
    if (options.androidPackageName && !ANDROID_PACKAGE.test(options.androidPackageName)) {
      throw badUserInput('androidPackageName is not an Android package name', 'androidPackageName');
    }
    return {
      client_name: this.deps.config.plaid.clientName,
      language,
      country_codes: countryCodes as CountryCode[],
      user: { client_user_id: userId },
      webhook: this.webhookUrl,
      ...(options.redirectUri ? { redirect_uri: options.redirectUri } : {}),
      ...(options.androidPackageName ? { android_package_name: options.androidPackageName } : {}),
    };
  }

  private async issueLinkToken(request: LinkTokenCreateRequest, itemId?: string): Promise<IssuedLinkToken> {
    try {
      const answer = await this.deps.plaid.call('linkTokenCreate', request);
      return { linkToken: answer.link_token, expiration: new Date(answer.expiration) };
    } catch (error) {
      if (error instanceof PlaidApiError && (error.errorType === 'INVALID_REQUEST' || error.errorType === 'INVALID_INPUT') && error.errorCode !== 'INVALID_ACCESS_TOKEN') {
        throw badUserInput(`Plaid refused the Link settings: ${error.plaidError?.error_message ?? error.errorCode}`);
      }
      throw error instanceof PlaidApiError ? toDomainError(error, { itemId }) : error;
    }
  }

  private async storeNewItem(userId: string, plaidItemId: string, accessToken: string, input: ExchangeInput): Promise<ItemEntity> {
    const [{ item: plaidItem }, { accounts }] = await Promise.all([
      this.deps.plaid.call('itemGet', { access_token: accessToken }),
      this.deps.plaid.call('accountsGet', { access_token: accessToken }),
    ]);
    const institutionId = plaidItem.institution_id ?? input.institutionId ?? null;
    const institutionName = plaidItem.institution_name ?? (await this.institutionName(institutionId)) ?? input.institutionName ?? null;
    await this.refuseDuplicate(userId, institutionId, institutionName, accounts);

    const id = randomUUID();
    const status = plaidItem.error ? statusForPlaidError(plaidItem.error.error_code) : ItemStatus.ACTIVE;
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.insert(ItemEntity, {
        id,
        userId,
        plaidItemId,
        ...this.deps.vault.seal(id, accessToken),
        institutionId,
        institutionName,
        status,
        errorType: plaidItem.error?.error_type ?? null,
        errorCode: plaidItem.error?.error_code ?? null,
        errorMessage: plaidItem.error?.error_message ?? null,
        errorDisplayMessage: plaidItem.error?.display_message ?? null,
        products: plaidItem.products ?? plaidItem.billed_products ?? [],
        consentExpiresAt: parseDate(plaidItem.consent_expiration_time),
        webhookUrl: plaidItem.webhook || null,
      });
      await new SyncWriter(manager, id, userId).upsertAccounts(accounts, new Date());
    });
    await this.deps.jobs.enqueueSync({ itemId: id, reason: 'initial' });
    return this.deps.items.get(userId, id);
  }

  /** The same login at the same institution, with the same accounts, is one Item: a second is refused. */
  private async refuseDuplicate(userId: string, institutionId: string | null, institutionName: string | null, accounts: AccountBase[]): Promise<void> {
    if (!institutionId) return;
    const signature = accountSignature(accounts.map((a) => ({ name: a.name, mask: a.mask ?? null, type: a.type, subtype: a.subtype ?? null })));
    const existing: Array<{ id: string; signature: string }> = await this.deps.dataSource.query(
      `SELECT i.id, string_agg(concat_ws('|', a.name, a.mask, a.type, a.subtype), ',' ORDER BY concat_ws('|', a.name, a.mask, a.type, a.subtype)) AS signature
         FROM items i JOIN accounts a ON a.item_id = i.id
        WHERE i.user_id = $1 AND i.institution_id = $2 AND i.status <> 'REVOKED'
        GROUP BY i.id`,
      [userId, institutionId],
    );
    const duplicate = existing.find((row) => row.signature === signature);
    if (duplicate) {
      throw new DomainError('BAD_USER_INPUT', `These accounts at ${institutionName ?? institutionId} are already linked; relink the existing Item instead`, {
        field: 'publicToken',
        duplicateOfItemId: duplicate.id,
      });
    }
  }

  private async institutionName(institutionId: string | null): Promise<string | null> {
    if (!institutionId) return null;
    try {
      const answer = await this.deps.plaid.call('institutionsGetById', { institution_id: institutionId, country_codes: this.deps.config.plaid.countryCodes });
      return answer.institution.name;
    } catch (error) {
      this.deps.logger.warn({ plaid: error instanceof PlaidApiError ? error.toLog() : undefined, institutionId }, 'institution name unavailable');
      return null;
    }
  }

  private async markBroken(itemId: string, error: { error_type: string; error_code: string; error_message: string; display_message: string | null }): Promise<void> {
    await this.deps.itemStatus.apply(itemId, {
      status: statusForPlaidError(error.error_code),
      reason: error.error_code,
      occurredAt: new Date(),
      error: { type: error.error_type, code: error.error_code, message: error.error_message, displayMessage: error.display_message },
    });
  }

  private async removeAtPlaid(accessToken: string): Promise<void> {
    await this.deps.plaid.call('itemRemove', { access_token: accessToken });
  }
}

/** Same accounts = same names, masks, types and subtypes, in any order. */
function accountSignature(accounts: Array<{ name: string; mask: string | null; type: string; subtype: string | null }>): string {
  return accounts
    .map((a) => [a.name, a.mask, a.type, a.subtype].filter((part) => part !== null).join('|'))
    .sort()
    .join(',');
}

function isRedirectUri(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
  } catch {
    return false;
  }
}

function parseDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
