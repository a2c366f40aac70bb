import type {
  ItemPublicTokenExchangeRequest,
  ItemPublicTokenExchangeResponse,
  LinkTokenCreateRequest,
  LinkTokenCreateResponse,
  LinkTokenGetRequest,
  LinkTokenGetResponse,
  SandboxPublicTokenCreateRequest,
  SandboxPublicTokenCreateResponse,
} from 'plaid';
import { DAY_MS, isoDateTime } from '../state/emulator-clock';
import type { EmulatorServices } from '../server/emulator-services';
import {
  linkTokenCreateSchema,
  linkTokenGetSchema,
  publicTokenExchangeSchema,
  sandboxPublicTokenCreateSchema,
} from './endpoint-request-schemas';
import { DEFAULT_DAYS_REQUESTED, issuePublicToken, linkItem } from '../link/item-linker';
import { LINK_TOKEN_TTL_MS, UPDATE_MODE_LINK_TOKEN_TTL_MS } from '../link/link-session';
import { clientEndpoint, resolveItem, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { newPlaidToken, parsePlaidToken } from '../state/plaid-id';
import { interpretSandboxLogin, SANDBOX_PASSWORD, SANDBOX_USERNAME } from '../data/sandbox-credentials';

function createLinkToken(request: LinkTokenCreateRequest, services: EmulatorServices): Omit<LinkTokenCreateResponse, 'request_id'> {
  const now = services.clock.now();
  const updateItem = request.access_token ? resolveItem(request.access_token, services) : null;
  const products = request.products ?? [];
  if (!updateItem && products.length === 0) {
    throw EmulatedPlaidError.of('INVALID_FIELD', {
      message: 'at least one product must be specified in products unless launching Link in update mode',
    });
  }
  const token = newPlaidToken('link');
  const expiresAt = now + (updateItem ? UPDATE_MODE_LINK_TOKEN_TTL_MS : LINK_TOKEN_TTL_MS);
  services.state.linkTokens.set(token, {
    created_at: now,
    expires_at: expiresAt,
    item_id: updateItem?.item_id ?? null,
    client_name: request.client_name,
    products: updateItem ? [...updateItem.products] : [...products, ...(request.required_if_supported_products ?? [])],
    country_codes: [...request.country_codes],
    webhook: request.webhook ?? null,
    redirect_uri: request.hosted_link?.completion_redirect_uri ?? request.redirect_uri ?? null,
    days_requested: request.transactions?.days_requested ?? DEFAULT_DAYS_REQUESTED,
    language: request.language,
    ...(request.account_filters ? { account_filters: request.account_filters } : {}),
    sessions: [],
  });
  services.persist();
  const answer: Omit<LinkTokenCreateResponse, 'request_id'> = { link_token: token, expiration: isoDateTime(expiresAt) };
  if (request.hosted_link) answer.hosted_link_url = `${services.baseUrl()}/link?token=${encodeURIComponent(token)}`;
  return answer;
}

/**
 * A link token's settings and its successful Link sessions, each with the public token it
 * handed out (`results.item_add_results`). Answered after the token expired too, as long as
 * the emulator keeps it: Plaid keeps session data for hours after a session ends.
 */
function getLinkToken(request: LinkTokenGetRequest, services: EmulatorServices): Omit<LinkTokenGetResponse, 'request_id'> {
  const record = services.state.linkTokens.get(request.link_token);
  if (!record) throw EmulatedPlaidError.of('INVALID_LINK_TOKEN');
  return {
    link_token: request.link_token,
    created_at: isoDateTime(record.created_at),
    expiration: isoDateTime(record.expires_at),
    metadata: {
      // Update mode names the Item, not products.
      initial_products: record.item_id === null ? [...record.products] : [],
      webhook: record.webhook,
      country_codes: [...record.country_codes],
      language: record.language ?? null,
      redirect_uri: record.redirect_uri,
      client_name: record.client_name,
      ...(record.account_filters ? { account_filters: record.account_filters } : {}),
    },
    link_sessions: (record.sessions ?? []).map((session) => ({
      link_session_id: session.link_session_id,
      finished_at: isoDateTime(session.finished_at),
      results: {
        item_add_results: [{ public_token: session.public_token, accounts: session.accounts, institution: session.institution }],
        cra_item_add_results: [],
        cra_update_results: [],
        bank_income_results: [],
        payroll_income_results: [],
        document_income_results: null,
      },
    })),
  };
}

function exchangePublicToken(
  request: ItemPublicTokenExchangeRequest,
  services: EmulatorServices,
): Omit<ItemPublicTokenExchangeResponse, 'request_id'> {
  const parsed = parsePlaidToken(request.public_token);
  if (!parsed || parsed.kind !== 'public') {
    throw EmulatedPlaidError.of('INVALID_PUBLIC_TOKEN', {
      message: 'provided public token is in an invalid format. expected format: public-<environment>-<identifier>',
    });
  }
  const record = services.state.publicTokens.get(request.public_token);
  if (!record) throw EmulatedPlaidError.of('INVALID_PUBLIC_TOKEN');
  if (record.expires_at <= services.clock.now()) {
    throw EmulatedPlaidError.of('INVALID_PUBLIC_TOKEN', {
      message:
        'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged',
    });
  }
  if (record.used) throw EmulatedPlaidError.of('INVALID_PUBLIC_TOKEN', { message: 'provided public token has already been exchanged' });
  const item = services.state.item(record.item_id);
  if (!item) throw EmulatedPlaidError.of('ITEM_NOT_FOUND');
  record.used = true;
  services.persist();
  return { access_token: item.access_token, item_id: item.item_id };
}

function historyDays(request: SandboxPublicTokenCreateRequest, now: number): number {
  const options = request.options?.transactions;
  if (options?.start_date) {
    const end = options.end_date ? Date.parse(options.end_date) : now;
    return Math.max(1, Math.min(730, Math.ceil((end - Date.parse(options.start_date)) / DAY_MS)));
  }
  return options?.days_requested ?? DEFAULT_DAYS_REQUESTED;
}

function sandboxPublicTokenCreate(
  request: SandboxPublicTokenCreateRequest,
  services: EmulatorServices,
): Omit<SandboxPublicTokenCreateResponse, 'request_id'> {
  const login = interpretSandboxLogin(
    request.options?.override_username ?? SANDBOX_USERNAME,
    request.options?.override_password ?? SANDBOX_PASSWORD,
  );
  const item = linkItem(services, {
    institutionId: request.institution_id,
    products: request.initial_products,
    webhook: request.options?.webhook ?? null,
    profile: login.profile,
    error: login.error,
    historyDays: historyDays(request, services.clock.now()),
  });
  return { public_token: issuePublicToken(services, item) };
}

export const linkEndpoints: readonly PlaidEndpoint[] = [
  clientEndpoint<LinkTokenCreateRequest, LinkTokenCreateResponse>('/link/token/create', linkTokenCreateSchema, createLinkToken),
  clientEndpoint<LinkTokenGetRequest, LinkTokenGetResponse>('/link/token/get', linkTokenGetSchema, getLinkToken),
  clientEndpoint<ItemPublicTokenExchangeRequest, ItemPublicTokenExchangeResponse>(
    '/item/public_token/exchange',
    publicTokenExchangeSchema,
    exchangePublicToken,
  ),
  clientEndpoint<SandboxPublicTokenCreateRequest, SandboxPublicTokenCreateResponse>(
    '/sandbox/public_token/create',
    sandboxPublicTokenCreateSchema,
    sandboxPublicTokenCreate,
  ),
];
