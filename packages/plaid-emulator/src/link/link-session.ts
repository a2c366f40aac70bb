import { randomUUID } from 'node:crypto';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord, LinkSessionRecord, LinkTokenRecord } from '../state/emulator-state';
import { itemAccounts } from '../api/item-view';
import { issuePublicToken, linkItem, requireInstitution } from './item-linker';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { interpretSandboxLogin } from '../data/sandbox-credentials';
import type { SandboxInstitution } from '../data/sandbox-institutions';

/** Plaid's link tokens live 4 hours, or 30 minutes in update mode. */
export const LINK_TOKEN_TTL_MS = 4 * 60 * 60 * 1000;
export const UPDATE_MODE_LINK_TOKEN_TTL_MS = 30 * 60 * 1000;

export function requireLinkToken(services: EmulatorServices, linkToken: string): LinkTokenRecord {
  const record = services.state.linkTokens.get(linkToken);
  if (!record) throw EmulatedPlaidError.of('INVALID_LINK_TOKEN');
  if (record.expires_at <= services.clock.now()) {
    throw EmulatedPlaidError.of('INVALID_LINK_TOKEN', {
      message: 'link token has expired',
      displayMessage: 'This session has expired. Please start again.',
    });
  }
  return record;
}

/** The Item an update-mode link token repairs. */
export function updateModeItem(services: EmulatorServices, record: LinkTokenRecord): ItemRecord | null {
  if (record.item_id === null) return null;
  const item = services.state.item(record.item_id);
  if (!item) throw EmulatedPlaidError.of('ITEM_NOT_FOUND');
  return item;
}

export interface LinkSessionInput {
  linkToken: string;
  institutionId: string;
  username: string;
  password: string;
}

export interface LinkSessionResult {
  publicToken: string;
  item: ItemRecord;
  institution: SandboxInstitution;
  session: LinkSessionRecord;
}

/**
 * Keeps a successful session on its link token, with the public token it handed out, as
 * Plaid does for `/link/token/get`: an app learns there which public tokens came from the
 * Link it opened.
 */
export function recordLinkSession(
  services: EmulatorServices,
  record: LinkTokenRecord,
  item: ItemRecord,
  publicToken: string,
): LinkSessionRecord {
  const institution = requireInstitution(item.institution_id);
  const session: LinkSessionRecord = {
    link_session_id: randomUUID(),
    finished_at: services.clock.now(),
    public_token: publicToken,
    institution: { name: institution.name, institution_id: institution.institution_id },
    accounts: itemAccounts(item).map((account) => ({
      id: account.account_id,
      name: account.name,
      mask: account.mask,
      type: account.type,
      ...(account.subtype ? { subtype: account.subtype } : {}),
      verification_status: null,
    })),
  };
  record.sessions = [...(record.sessions ?? []), session];
  services.persist();
  return session;
}

/**
 * What Link does when a person submits credentials: checks them as the sandbox does, then
 * links a new Item (or, in update mode, repairs the existing one) and hands out a public
 * token, as Link's `onSuccess` does.
 */
export function completeLinkSession(services: EmulatorServices, input: LinkSessionInput): LinkSessionResult {
  const record = requireLinkToken(services, input.linkToken);
  const existing = updateModeItem(services, record);
  const institution = requireInstitution(existing?.institution_id ?? input.institutionId);
  if (!institution.country_codes.some((country) => record.country_codes.includes(country))) {
    throw EmulatedPlaidError.of('INVALID_INSTITUTION');
  }
  const login = interpretSandboxLogin(input.username, input.password);
  let item: ItemRecord;
  if (existing) {
    existing.error = login.error;
    item = existing;
    services.persist();
  } else {
    item = linkItem(services, {
      institutionId: institution.institution_id,
      products: record.products,
      webhook: record.webhook,
      profile: login.profile,
      error: login.error,
      historyDays: record.days_requested,
    });
  }
  const publicToken = issuePublicToken(services, item);
  return { publicToken, item, institution, session: recordLinkSession(services, record, item, publicToken) };
}
