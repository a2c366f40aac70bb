import { randomUUID } from 'node:crypto';
import type { AccountBase, LinkTokenCreateRequest, Products } from 'plaid';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { eventSecond, ItemEvent, newItemStatus, nextItemStatus } from '../entities/item-state-machine';
import { ItemEntity } from '../entities/item.entity';
import { badUserInput, DomainError } from '../errors/domain-error';
import type { JobQueue } from '../jobs/job-queue';
import type { ItemPlaid } from '../plaid/item-plaid';
import { itemErrorChange } from '../plaid/item-status-for-error';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { contractErrorOf } from '../plaid/plaid-error-mapping';
import type { ItemRepository } from '../repositories/item.repository';
import type { TransactionRemoval } from './transaction-removal';
import type { AccessTokenVault } from './access-token-vault';
import { accountSignature } from './account-signature';
import type { ItemStatusService } from './item-status.service';
import type { ItemService } from './item.service';
import { lockItemInTransaction } from '../repositories/item-lock';
import { checkLinkOptions, type LinkOptionsInput } from './link-options';
import { publicTokenSha256 as sha256Of } from './link-session-binding';
import type { LinkSessionRegistry } from './link-session-registry';
import { SyncWriter } from '../repositories/sync-writer';
import { webhookUrlFor } from './webhook-url';

export interface LinkTokenOptions extends LinkOptionsInput {
  products?: Products[] | null;
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
  /** For the calls no stored Item stands behind yet: the exchange and the new Item's first reads. */
  plaid: PlaidClient;
  itemPlaid: ItemPlaid;
  vault: AccessTokenVault;
  items: ItemService;
  itemRows: ItemRepository;
  removal: TransactionRemoval;
  itemStatus: ItemStatusService;
  /** Which public tokens a user may exchange: those from the Link the user opened. */
  linkSessions: LinkSessionRegistry;
  jobs: JobQueue;
  config: Pick<AppConfig, 'publicUrl'> & { plaid: Pick<AppConfig['plaid'], 'products' | 'countryCodes' | 'clientName'> };
  logger: Logger;
}

/** Plaid's answers to a public token that is unknown, expired or already exchanged. */
const BAD_PUBLIC_TOKEN = new Set(['INVALID_PUBLIC_TOKEN', 'INVALID_FIELD', 'MISSING_FIELDS']);
/**
 * One answer for every public token the caller may not exchange, whether Plaid never issued it,
 * it expired, was used, or came from another user's Link: none tells whether it exists.
 */
const unusablePublicToken = () => badUserInput('The public token is invalid, expired or already used; start Link again', 'publicToken');
/** An Item that Plaid no longer knows has nothing left to remove there. */
const GONE_AT_PLAID = new Set(['ITEM_NOT_FOUND', 'INVALID_ACCESS_TOKEN']);

/**
 * Connecting a bank and keeping the connection healthy: link tokens, the public-token
 * exchange, update mode, removal. The gateway decides an Item's health from Plaid's own
 * answers, never from the client's word.
 */
export class LinkService {
  constructor(private readonly deps: LinkServiceDependencies) {}

  /** A fresh token on every call: Link tokens are single use. Recorded for the user, whose exchange it vouches for. */
  async createLinkToken(userId: string, options: LinkTokenOptions = {}): Promise<IssuedLinkToken> {
    const products = options.products?.length ? options.products : this.deps.config.plaid.products;
    const issued = await this.issueLinkToken({ ...this.baseLinkRequest(userId, options), products });
    await this.deps.linkSessions.recordLinkToken(userId, issued.linkToken, issued.expiration);
    return issued;
  }

  /** Update mode: the Item's access token instead of products; account selection on request. */
  async createRelinkToken(userId: string, itemId: string, accountSelection: boolean): Promise<IssuedLinkToken> {
    const item = await this.deps.items.get(userId, itemId);
    const request = { ...this.baseLinkRequest(userId, {}), ...(accountSelection ? { update: { account_selection_enabled: true } } : {}) };
    const answer = await this.deps.itemPlaid.run(
      item,
      (accessToken) => this.deps.plaid.call('linkTokenCreate', { ...request, access_token: accessToken }),
      linkSettingsRefused,
    );
    const issued = { linkToken: answer.link_token, expiration: new Date(answer.expiration) };
    await this.deps.linkSessions.recordLinkToken(userId, issued.linkToken, issued.expiration);
    return issued;
  }

  /**
   * Idempotent for its user: the same public token exchanged again answers the Item the first
   * exchange stored (Plaid itself refuses a second exchange of a token). Only a public token from
   * a Link this user opened (or the sandbox made for them) is exchanged: any other is refused
   * before Plaid is asked to exchange it, so a leaked token links nothing for whoever holds it.
   */
  async exchangePublicToken(userId: string, input: ExchangeInput): Promise<ItemEntity> {
    const publicToken = input.publicToken.trim();
    if (publicToken === '' || publicToken.length > 200) throw badUserInput('publicToken is not a public token', 'publicToken');
    const publicTokenSha256 = sha256Of(publicToken);
    const linked = await this.deps.itemRows.findOwnedByPublicToken(userId, publicTokenSha256);
    if (linked) return linked;
    if (!(await this.deps.linkSessions.issuedTo(userId, publicToken))) throw unusablePublicToken();
    let exchanged;
    try {
      exchanged = await this.deps.plaid.call('itemPublicTokenExchange', { public_token: publicToken });
    } catch (error) {
      if (error instanceof PlaidApiError && error.errorCode && BAD_PUBLIC_TOKEN.has(error.errorCode)) {
        // A retry that overtook the first exchange's answer finds the Item once that one is stored.
        const stored = await this.deps.itemRows.findOwnedByPublicToken(userId, publicTokenSha256);
        if (stored) return stored;
        throw unusablePublicToken();
      }
      throw contractErrorOf(error);
    }
    const accessToken = exchanged.access_token;
    let itemId: string;
    try {
      itemId = await this.storeNewItem(userId, exchanged.item_id, accessToken, publicTokenSha256, input);
    } catch (error) {
      // A public token of a Plaid Item the gateway already tracks (one from update mode, or a race
      // with the first link): /item/remove with its token would remove that live Item, so it stays.
      const [tracked] = await this.deps.itemRows.findByPlaidItemIds([exchanged.item_id]);
      if (tracked?.userId === userId) return this.deps.items.get(userId, tracked.id);
      if (tracked) throw unusablePublicToken();
      // Nothing was stored: an Item the gateway will not track must not stay billed at Plaid.
      await this.removeAtPlaid(accessToken).catch((removal: unknown) =>
        this.deps.logger.error({ err: removal, plaidItemId: exchanged.item_id }, 'could not remove an unstored Item at Plaid'),
      );
      throw contractErrorOf(error);
    }
    // The Item is stored with a live token from here on: nothing below may remove it at Plaid.
    await this.deps.jobs
      .enqueueSync({ itemId, reason: 'initial' })
      .catch((error: unknown) => this.deps.logger.warn({ err: error, itemId }, 'first sync not queued; the sync sweep will run it'));
    return this.deps.items.get(userId, itemId);
  }

  /** After update mode: asks Plaid itself whether the Item works again. */
  async completeRelink(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.deps.items.get(userId, itemId);
    // One door for both reads, so a broken login is recorded once, before the caller hears of it.
    const [plaidItem, accounts] = await this.deps.itemPlaid.run(item, (accessToken) =>
      Promise.all([
        this.deps.plaid.call('itemGet', { access_token: accessToken }).then((answer) => answer.item),
        this.deps.plaid.call('accountsGet', { access_token: accessToken }).then((answer) => answer.accounts),
      ]),
    );
    if (plaidItem.error) throw await this.deps.itemPlaid.reportItemError(item, 'itemGet', plaidItem.error);
    await this.deps.dataSource.transaction(async (manager) => {
      // The accounts are the Item's data: rewritten under its lock, as a sync's write would.
      await lockItemInTransaction(manager, item.id);
      await new SyncWriter(manager, item.id, userId).upsertAccounts(accounts, new Date());
      await this.deps.itemRows.update(
        item.id,
        { newAccountsAvailable: false, consentExpiresAt: parseDate(plaidItem.consent_expiration_time) },
        manager,
      );
    });
    await this.deps.itemStatus.apply(item.id, {
      event: ItemEvent.RELINKED,
      reason: 'RELINK_COMPLETED',
      occurredAt: new Date(),
      error: null,
    });
    await this.deps.jobs.enqueueSync({ itemId: item.id, reason: 'relink' });
    return this.deps.items.get(userId, itemId);
  }

  /** Removes the Item at Plaid, then everything of it here, in one transaction. */
  async removeItem(userId: string, itemId: string): Promise<ItemEntity> {
    const item = await this.deps.items.get(userId, itemId);
    try {
      await this.deps.itemPlaid.call(
        item,
        'itemRemove',
        {},
        { readError: (error) => (error.errorCode && GONE_AT_PLAID.has(error.errorCode) ? new GoneAtPlaid(error.errorCode) : undefined) },
      );
    } catch (error) {
      if (!(error instanceof GoneAtPlaid)) throw error;
      this.deps.logger.info({ itemId, plaidErrorCode: error.plaidErrorCode }, 'Item already gone at Plaid; removing it here');
    }
    // The row goes, whatever came before: the status its last event reports is the table's, regardless of time.
    const status = nextItemStatus(item.status, ItemEvent.REMOVED);
    const removed = Object.assign(new ItemEntity(), item, {
      status: typeof status === 'string' ? status : item.status,
      updatedAt: new Date(),
    });
    await this.deps.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, item.id);
      // The Item's row before the user's stream, in the order status changes take them.
      await this.deps.itemRows.lockRow(manager, item.id);
      // Logged one by one as removed, which the cascade would not do.
      await this.deps.removal.ofItem(manager, removed);
      await this.deps.itemRows.delete(manager, item.id);
      await this.deps.itemStatus.record(manager, { item: removed, previousStatus: item.status }, 'ITEM_REMOVED', new Date());
    });
    return removed;
  }

  private baseLinkRequest(userId: string, options: LinkOptionsInput): Omit<LinkTokenCreateRequest, 'products'> {
    const checked = checkLinkOptions(options, this.deps.config.plaid.countryCodes);
    return {
      client_name: this.deps.config.plaid.clientName,
      language: checked.language,
      country_codes: checked.countryCodes,
      user: { client_user_id: userId },
      webhook: webhookUrlFor(this.deps.config.publicUrl),
      ...(checked.redirectUri ? { redirect_uri: checked.redirectUri } : {}),
      ...(checked.androidPackageName ? { android_package_name: checked.androidPackageName } : {}),
    };
  }

  private async issueLinkToken(request: LinkTokenCreateRequest): Promise<IssuedLinkToken> {
    try {
      const answer = await this.deps.plaid.call('linkTokenCreate', request);
      return { linkToken: answer.link_token, expiration: new Date(answer.expiration) };
    } catch (error) {
      throw (error instanceof PlaidApiError && linkSettingsRefused(error)) || contractErrorOf(error);
    }
  }

  /** Stores the Item and its accounts, unless it duplicates one already linked; answers its id. */
  private async storeNewItem(
    userId: string,
    plaidItemId: string,
    accessToken: string,
    publicTokenSha256: string,
    input: ExchangeInput,
  ): Promise<string> {
    // Plaid's reading of the Item is its first status change: a webhook issued before it is older news.
    const readAt = eventSecond(new Date());
    const [{ item: plaidItem }, { accounts }] = await Promise.all([
      this.deps.plaid.call('itemGet', { access_token: accessToken }),
      this.deps.plaid.call('accountsGet', { access_token: accessToken }),
    ]);
    const institutionId = plaidItem.institution_id ?? input.institutionId ?? null;
    const institutionName = plaidItem.institution_name ?? (await this.institutionName(institutionId)) ?? input.institutionName ?? null;

    const id = randomUUID();
    const status = newItemStatus(plaidItem.error ? itemErrorChange(plaidItem.error).event : undefined);
    await this.deps.dataSource.transaction(async (manager) => {
      // Checked under the lock, so two links of the same accounts at once cannot both pass.
      if (institutionId) await this.deps.itemRows.lockLinksAt(manager, userId, institutionId);
      await this.refuseDuplicate(manager, userId, institutionId, institutionName, accounts);
      await this.deps.itemRows.insert(manager, {
        id,
        userId,
        plaidItemId,
        publicTokenSha256,
        ...this.deps.vault.seal(id, accessToken),
        institutionId,
        institutionName,
        status,
        lastStatusEventAt: readAt,
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
    return id;
  }

  /** The same login at the same institution, with the same accounts, is one Item: a second is refused. */
  private async refuseDuplicate(
    manager: EntityManager,
    userId: string,
    institutionId: string | null,
    institutionName: string | null,
    accounts: AccountBase[],
  ): Promise<void> {
    if (!institutionId) return;
    const signature = accountSignature(
      accounts.map((a) => ({ name: a.name, mask: a.mask ?? null, type: a.type, subtype: a.subtype ?? null })),
    );
    const linked = await this.deps.itemRows.accountsOfLinkedItems(userId, institutionId, manager);
    const duplicate = [...linked].find(([, linkedAccounts]) => accountSignature(linkedAccounts) === signature)?.[0];
    if (duplicate) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `These accounts at ${institutionName ?? institutionId} are already linked; relink the existing Item instead`,
        {
          field: 'publicToken',
          duplicateOfItemId: duplicate,
        },
      );
    }
  }

  private async institutionName(institutionId: string | null): Promise<string | null> {
    if (!institutionId) return null;
    try {
      const answer = await this.deps.plaid.call('institutionsGetById', {
        institution_id: institutionId,
        country_codes: this.deps.config.plaid.countryCodes,
      });
      return answer.institution.name;
    } catch (error) {
      this.deps.logger.warn(
        { plaid: error instanceof PlaidApiError ? error.toLog() : undefined, institutionId },
        'institution name unavailable',
      );
      return null;
    }
  }

  private async removeAtPlaid(accessToken: string): Promise<void> {
    await this.deps.plaid.call('itemRemove', { access_token: accessToken });
  }
}

/** Plaid's answer to Link settings it will not take, read as the client's input at fault. */
function linkSettingsRefused(error: PlaidApiError): Error | undefined {
  if ((error.errorType === 'INVALID_REQUEST' || error.errorType === 'INVALID_INPUT') && error.errorCode !== 'INVALID_ACCESS_TOKEN') {
    return badUserInput(`Plaid refused the Link settings: ${error.plaidError?.error_message ?? error.errorCode}`);
  }
  return undefined;
}

/** Removal found the Item already gone at Plaid: nothing is left to remove there. */
class GoneAtPlaid extends Error {
  constructor(readonly plaidErrorCode: string) {
    super(`Item already gone at Plaid (${plaidErrorCode})`);
    this.name = 'GoneAtPlaid';
  }
}

function parseDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
