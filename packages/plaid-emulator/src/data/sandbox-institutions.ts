import type { Institution, ProductStatus } from 'plaid';
import { CountryCode, ProductStatusBreakdownRefreshIntervalEnum, ProductStatusStatusEnum, Products } from './plaid-enums';

/**
 * Plaid's sandbox institutions (non-OAuth and OAuth test banks). The emulator links Items
 * only at these; every one supports the products the gateway uses.
 */
export interface SandboxInstitution {
  institution_id: string;
  name: string;
  country_codes: CountryCode[];
  oauth: boolean;
  url: string;
  primary_color: string;
  routing_numbers: string[];
}

const US_PRODUCTS: Products[] = [
  Products.Assets,
  Products.Auth,
  Products.Balance,
  Products.Identity,
  Products.IdentityMatch,
  Products.Investments,
  Products.Liabilities,
  Products.RecurringTransactions,
  Products.Signal,
  Products.Statements,
  Products.Transactions,
  Products.Transfer,
];

const EU_PRODUCTS: Products[] = [
  Products.Assets,
  Products.Auth,
  Products.Balance,
  Products.Identity,
  Products.PaymentInitiation,
  Products.Transactions,
];

export const SANDBOX_INSTITUTIONS: readonly SandboxInstitution[] = [
  {
    institution_id: 'ins_109508',
    name: 'First Platypus Bank',
    country_codes: [CountryCode.Us],
    oauth: false,
    url: 'https://www.firstplatypus.com',
    primary_color: '#1f1f1f',
    routing_numbers: ['011401533', '021000021'],
  },
  {
    institution_id: 'ins_109509',
    name: 'First Gingham Credit Union',
    country_codes: [CountryCode.Us],
    oauth: false,
    url: 'https://www.firstgingham.com',
    primary_color: '#004966',
    routing_numbers: ['011000138'],
  },
  {
    institution_id: 'ins_109510',
    name: 'Tattersall Federal Credit Union',
    country_codes: [CountryCode.Us],
    oauth: false,
    url: 'https://www.tattersall.com',
    primary_color: '#3b5998',
    routing_numbers: ['011000028'],
  },
  {
    institution_id: 'ins_109511',
    name: 'Tartan Bank',
    country_codes: [CountryCode.Us],
    oauth: false,
    url: 'https://www.tartanbank.com',
    primary_color: '#8b0000',
    routing_numbers: ['011000015'],
  },
  {
    institution_id: 'ins_109512',
    name: 'Houndstooth Bank',
    country_codes: [CountryCode.Us],
    oauth: false,
    url: 'https://www.houndstoothbank.com',
    primary_color: '#2e2e2e',
    routing_numbers: ['011001234'],
  },
  {
    institution_id: 'ins_127287',
    name: 'Platypus OAuth Bank',
    country_codes: [CountryCode.Us],
    oauth: true,
    url: 'https://www.platypusoauth.com',
    primary_color: '#0a5e9c',
    routing_numbers: ['021000089'],
  },
  {
    institution_id: 'ins_43',
    name: 'Tartan-Dominion Bank of Canada',
    country_codes: [CountryCode.Ca],
    oauth: false,
    url: 'https://www.tartandominion.ca',
    primary_color: '#c8102e',
    routing_numbers: [],
  },
  {
    institution_id: 'ins_116834',
    name: 'Flexible Platypus Open Banking',
    country_codes: [CountryCode.Gb],
    oauth: true,
    url: 'https://www.flexibleplatypus.co.uk',
    primary_color: '#006a4d',
    routing_numbers: [],
  },
  {
    institution_id: 'ins_117650',
    name: 'Royal Bank of Plaid',
    country_codes: [CountryCode.Gb],
    oauth: true,
    url: 'https://www.royalbankofplaid.co.uk',
    primary_color: '#0b2e59',
    routing_numbers: [],
  },
];

export function findSandboxInstitution(institutionId: string): SandboxInstitution | undefined {
  return SANDBOX_INSTITUTIONS.find((institution) => institution.institution_id === institutionId);
}

export function institutionProducts(institution: SandboxInstitution): Products[] {
  return institution.country_codes.includes(CountryCode.Us) || institution.country_codes.includes(CountryCode.Ca)
    ? [...US_PRODUCTS]
    : [...EU_PRODUCTS];
}

export interface InstitutionViewOptions {
  includeOptionalMetadata: boolean;
  includeStatus: boolean;
  /** When the status is reported as last changed. */
  statusSince: string;
}

/** The `Institution` object of `/institutions/get_by_id`, with the optional parts asked for. */
export function institutionView(institution: SandboxInstitution, options: InstitutionViewOptions): Institution {
  const view: Institution = {
    institution_id: institution.institution_id,
    name: institution.name,
    products: institutionProducts(institution),
    country_codes: [...institution.country_codes],
    routing_numbers: [...institution.routing_numbers],
    dtc_numbers: [],
    oauth: institution.oauth,
  };
  if (options.includeOptionalMetadata) {
    view.url = institution.url;
    view.primary_color = institution.primary_color;
    view.logo = null;
  }
  if (options.includeStatus) {
    const healthy: ProductStatus = {
      status: ProductStatusStatusEnum.Healthy,
      last_status_change: options.statusSince,
      breakdown: { success: 0.99, error_plaid: 0.005, error_institution: 0.005 },
    };
    view.status = {
      item_logins: healthy,
      transactions_updates: {
        ...healthy,
        breakdown: { ...healthy.breakdown, refresh_interval: ProductStatusBreakdownRefreshIntervalEnum.Normal },
      },
      auth: healthy,
      identity: healthy,
      health_incidents: [],
    };
  }
  return view;
}
