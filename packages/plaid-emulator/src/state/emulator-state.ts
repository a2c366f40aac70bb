import type { AccountFiltersResponse, CountryCode, LinkSessionSuccessMetadataAccount, PlaidError, Products } from 'plaid';
import { newPlaidToken, derivedPlaidId } from './plaid-id';
import { SANDBOX_ACCOUNTS, sandboxAccountId } from '../data/sandbox-accounts';
import { TransactionGenerator, type TransactionAccount } from '../data/transaction-generator';
import { TransactionLedger, type LedgerMutation } from './transaction-ledger';
import type { StoredWebhookKey } from '../webhooks/webhook-key-ring';

/** Which sandbox user an Item was linked with, which decides how its data behaves. */
export type SandboxProfile = 'user_good' | 'user_transactions_dynamic' | 'generated';

export interface ItemRecord {
  item_id: string;
  /** n-th Item of this emulator: with the seed, what all of the Item's ids derive from. */
  ordinal: number;
  seed: string;
  access_token: string;
  institution_id: string;
  profile: SandboxProfile;
  products: Products[];
  webhook: string | null;
  error: PlaidError | null;
  created_at: string;
  history: { count: number; history_days: number; anchor_day: number };
  mutations: LedgerMutation[];
  refresh_count: number;
  sandbox_transaction_count: number;
  /** Plaid sends SYNC_UPDATES_AVAILABLE only once an Item has been synced at least once. */
  sync_called: boolean;
  last_webhook: { sent_at: string; code_sent: string } | null;
  last_transactions_update: string;
  /** The last transactions update that failed (the Item was in an error state); absent = none. */
  last_failed_transactions_update?: string | null;
  /** When the initial transactions pull ends (epoch ms); absent = already done. */
  transactions_ready_at?: number;
  /** Plaid sends RECURRING_TRANSACTIONS_UPDATE only once /transactions/recurring/get has been called. */
  recurring_called?: boolean;
  /** Last day (epoch days) whose recurring payments the Item has; absent = its history's anchor day. */
  series_through_day?: number;
  /** When the user's consent ends (set by a PENDING_EXPIRATION); absent = no end known. */
  consent_expiration_time?: string | null;
  /** Balances a test set per account id (the control API), in place of the sandbox account's own. */
  balances?: Record<string, AccountBalanceOverride>;
}

/** The balance figures of one account that replace the sandbox's; a figure left out keeps the sandbox's. */
export interface AccountBalanceOverride {
  available?: number | null;
  current?: number | null;
  limit?: number | null;
}

export interface PublicTokenRecord {
  item_id: string;
  expires_at: number;
  used: boolean;
}

/** A Link session that ended in success: what `/link/token/get` reports of it. */
export interface LinkSessionRecord {
  link_session_id: string;
  finished_at: number;
  public_token: string;
  institution: { name: string; institution_id: string };
  /** As Link reports them to `onSuccess`. */
  accounts: LinkSessionSuccessMetadataAccount[];
}

export interface LinkTokenRecord {
  created_at: number;
  expires_at: number;
  /** Set in update mode: the Item the session repairs. */
  item_id: string | null;
  client_name: string;
  products: Products[];
  country_codes: CountryCode[];
  webhook: string | null;
  redirect_uri: string | null;
  days_requested: number;
  /** Absent in state saved before `/link/token/get` was served. */
  language?: string;
  /** The create request's `account_filters`, as `/link/token/get` echoes them. */
  account_filters?: AccountFiltersResponse;
  /** The successful Link sessions of this token, oldest first. */
  sessions?: LinkSessionRecord[];
}

export interface PersistedEmulatorState {
  version: 1;
  seed: string;
  next_item_ordinal: number;
  items: ItemRecord[];
  removed_access_tokens: string[];
  public_tokens: Record<string, PublicTokenRecord>;
  link_tokens: Record<string, LinkTokenRecord>;
  webhook_keys: StoredWebhookKey[];
}

export interface NewItemInput {
  institutionId: string;
  profile: SandboxProfile;
  products: Products[];
  webhook: string | null;
  error: PlaidError | null;
  historyDays: number;
  /** Size of the generated history; defaults to about three transactions a day. */
  transactionCount?: number;
  now: number;
}

const TRANSACTIONS_PER_DAY = 3;

/** Accounts that carry transactions, with the role that decides their merchants. */
export function transactionAccounts(itemId: string): TransactionAccount[] {
  return SANDBOX_ACCOUNTS.filter((template) => template.transactionRole !== null).map((template) => ({
    account_id: sandboxAccountId(itemId, template),
    role: template.transactionRole!,
  }));
}

/**
 * Everything the emulator knows, in memory. Mutations go through here so that the
 * derived indexes (tokens, ledgers) stay in step with the records that get persisted.
 */
export class EmulatorState {
  private readonly items = new Map<string, ItemRecord>();
  private readonly itemsByAccessToken = new Map<string, ItemRecord>();
  private readonly ledgers = new Map<string, TransactionLedger>();
  private readonly removedAccessTokens: Set<string>;
  readonly publicTokens: Map<string, PublicTokenRecord>;
  readonly linkTokens: Map<string, LinkTokenRecord>;
  private nextItemOrdinal: number;

  constructor(
    readonly seed: string,
    persisted?: PersistedEmulatorState,
  ) {
    this.nextItemOrdinal = persisted?.next_item_ordinal ?? 0;
    this.removedAccessTokens = new Set(persisted?.removed_access_tokens ?? []);
    this.publicTokens = new Map(Object.entries(persisted?.public_tokens ?? {}));
    this.linkTokens = new Map(Object.entries(persisted?.link_tokens ?? {}));
    for (const item of persisted?.items ?? []) this.register(item);
  }

  private register(item: ItemRecord): void {
    this.items.set(item.item_id, item);
    this.itemsByAccessToken.set(item.access_token, item);
  }

  createItem(input: NewItemInput): ItemRecord {
    const ordinal = this.nextItemOrdinal++;
    const itemId = derivedPlaidId(this.seed, 'item', ordinal);
    const createdAt = new Date(input.now).toISOString();
    const item: ItemRecord = {
      item_id: itemId,
      ordinal,
      seed: this.seed,
      access_token: newPlaidToken('access'),
      institution_id: input.institutionId,
      profile: input.profile,
      products: input.products,
      webhook: input.webhook,
      error: input.error,
      created_at: createdAt,
      history: {
        count: input.transactionCount ?? input.historyDays * TRANSACTIONS_PER_DAY,
        history_days: input.historyDays,
        anchor_day: Math.floor(input.now / 86_400_000),
      },
      mutations: [],
      refresh_count: 0,
      sandbox_transaction_count: 0,
      sync_called: false,
      last_webhook: null,
      last_transactions_update: createdAt,
    };
    this.register(item);
    return item;
  }

  item(itemId: string): ItemRecord | undefined {
    return this.items.get(itemId);
  }

  itemByAccessToken(accessToken: string): ItemRecord | undefined {
    return this.itemsByAccessToken.get(accessToken);
  }

  wasRemoved(accessToken: string): boolean {
    return this.removedAccessTokens.has(accessToken);
  }

  /** `/item/access_token/invalidate`: the Item gets a new token, and the old one is unknown from now on. */
  rotateAccessToken(item: ItemRecord): string {
    this.itemsByAccessToken.delete(item.access_token);
    item.access_token = newPlaidToken('access');
    this.itemsByAccessToken.set(item.access_token, item);
    return item.access_token;
  }

  removeItem(item: ItemRecord): void {
    this.items.delete(item.item_id);
    this.itemsByAccessToken.delete(item.access_token);
    this.ledgers.delete(item.item_id);
    this.removedAccessTokens.add(item.access_token);
  }

  generator(item: ItemRecord): TransactionGenerator {
    return this.ledger(item).generator;
  }

  ledger(item: ItemRecord): TransactionLedger {
    let ledger = this.ledgers.get(item.item_id);
    if (!ledger) {
      const generator = new TransactionGenerator({
        seed: item.seed,
        itemId: item.item_id,
        count: item.history.count,
        historyDays: item.history.history_days,
        anchorDay: item.history.anchor_day,
        accounts: transactionAccounts(item.item_id),
      });
      ledger = new TransactionLedger(item.item_id, generator, item.mutations);
      this.ledgers.set(item.item_id, ledger);
    }
    return ledger;
  }

  /** Drops tokens that expired long enough ago that nobody can be surprised by their absence. */
  pruneExpiredTokens(now: number, graceMs: number): void {
    for (const [token, record] of this.publicTokens) if (record.expires_at + graceMs < now) this.publicTokens.delete(token);
    for (const [token, record] of this.linkTokens) if (record.expires_at + graceMs < now) this.linkTokens.delete(token);
  }

  toPersisted(webhookKeys: StoredWebhookKey[]): PersistedEmulatorState {
    return {
      version: 1,
      seed: this.seed,
      next_item_ordinal: this.nextItemOrdinal,
      items: [...this.items.values()],
      removed_access_tokens: [...this.removedAccessTokens],
      public_tokens: Object.fromEntries(this.publicTokens),
      link_tokens: Object.fromEntries(this.linkTokens),
      webhook_keys: webhookKeys,
    };
  }
}
