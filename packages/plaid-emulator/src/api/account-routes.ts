import type {
  AccountIdentity,
  AccountIdentityMatchScore,
  AccountsBalanceGetRequest,
  AccountsGetRequest,
  AccountsGetResponse,
  AuthGetRequest,
  AuthGetResponse,
  IdentityGetRequest,
  IdentityGetResponse,
  IdentityMatchRequest,
  IdentityMatchResponse,
  NumbersACH,
  Owner,
} from 'plaid';
import { Products } from '../data/plaid-enums';
import { isoDateTime } from '../state/emulator-clock';
import type { ItemRecord } from '../state/emulator-state';
import {
  accountsBalanceGetSchema,
  accountsGetSchema,
  authGetSchema,
  identityGetSchema,
  identityMatchSchema,
} from './endpoint-request-schemas';
import { matchIdentity } from '../data/identity-matcher';
import { ensureProduct } from '../link/item-linker';
import { itemAccountTemplates, itemAccounts, itemView } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { accountView, achNumbers } from '../data/sandbox-accounts';
import { generatedOwner, SANDBOX_OWNER } from '../data/sandbox-identity';

/** Sandbox test users share Plaid's test account holder; generated Items get their own. */
function ownersOf(item: ItemRecord): Owner[] {
  return [item.profile === 'generated' ? generatedOwner(`${item.seed}|${item.item_id}`) : SANDBOX_OWNER];
}

export const accountEndpoints: readonly PlaidEndpoint[] = [
  itemEndpoint<AccountsGetRequest, AccountsGetResponse>('/accounts/get', accountsGetSchema, 'healthy', (request, item) => ({
    accounts: itemAccounts(item, request.options?.account_ids),
    item: itemView(item),
  })),

  itemEndpoint<AccountsBalanceGetRequest, AccountsGetResponse>(
    '/accounts/balance/get',
    accountsBalanceGetSchema,
    'healthy',
    (request, item, services) => ({
      // A balance request is a live read, so the balances are as of now.
      accounts: itemAccounts(item, request.options?.account_ids, isoDateTime(services.clock.now())),
      item: itemView(item),
    }),
  ),

  itemEndpoint<AuthGetRequest, AuthGetResponse>('/auth/get', authGetSchema, 'healthy', (request, item, services) => {
    ensureProduct(services, item, Products.Auth);
    const withNumbers = itemAccountTemplates(item, request.options?.account_ids).filter((template) => template.achAccountNumber);
    return {
      accounts: withNumbers.map((template) => accountView(item, template, null)),
      numbers: {
        ach: withNumbers.map((template) => achNumbers(item.item_id, template)).filter((n): n is NumbersACH => n !== null),
        eft: [],
        international: [],
        bacs: [],
      },
      item: itemView(item),
    };
  }),

  itemEndpoint<IdentityGetRequest, IdentityGetResponse>('/identity/get', identityGetSchema, 'healthy', (request, item, services) => {
    ensureProduct(services, item, Products.Identity);
    const owners = ownersOf(item);
    const accounts: AccountIdentity[] = itemAccounts(item, request.options?.account_ids).map((account) => ({ ...account, owners }));
    return { accounts, item: itemView(item) };
  }),

  itemEndpoint<IdentityMatchRequest, IdentityMatchResponse>(
    '/identity/match',
    identityMatchSchema,
    'healthy',
    (request, item, services) => {
      ensureProduct(services, item, Products.IdentityMatch);
      const scores = matchIdentity(request.user, ownersOf(item));
      const accounts: AccountIdentityMatchScore[] = itemAccounts(item, request.options?.account_ids).map((account) => ({
        ...account,
        ...scores,
      }));
      return { accounts, item: itemView(item) };
    },
  ),
];
