import type {
  InstitutionsGetByIdRequest,
  InstitutionsGetByIdResponse,
  InstitutionsGetRequest,
  InstitutionsGetResponse,
  InstitutionsSearchRequest,
  InstitutionsSearchResponse,
  Products,
} from 'plaid';
import { isoDateTime } from '../state/emulator-clock';
import { institutionsGetByIdSchema, institutionsGetSchema, institutionsSearchSchema } from './endpoint-request-schemas';
import { requireInstitution } from '../link/item-linker';
import { clientEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { institutionProducts, institutionView, SANDBOX_INSTITUTIONS, type SandboxInstitution } from '../data/sandbox-institutions';

interface InstitutionFilter {
  countryCodes: readonly string[];
  products?: readonly Products[] | null;
  oauth?: boolean | null;
  routingNumbers?: readonly string[] | null;
}

/** The sandbox institutions in the countries asked for that offer every product asked for. */
function matchingInstitutions(filter: InstitutionFilter): SandboxInstitution[] {
  return SANDBOX_INSTITUTIONS.filter((institution) => {
    if (!institution.country_codes.some((country) => filter.countryCodes.includes(country))) return false;
    const supported = institutionProducts(institution);
    if (filter.products && !filter.products.every((product) => supported.includes(product))) return false;
    if (filter.oauth !== undefined && filter.oauth !== null && institution.oauth !== filter.oauth) return false;
    const routing = filter.routingNumbers;
    return !routing || routing.length === 0 || routing.some((number) => institution.routing_numbers.includes(number));
  });
}

export const institutionEndpoints: readonly PlaidEndpoint[] = [
  clientEndpoint<InstitutionsGetByIdRequest, InstitutionsGetByIdResponse>(
    '/institutions/get_by_id',
    institutionsGetByIdSchema,
    (request, services) => {
      const institution = requireInstitution(request.institution_id);
      // Plaid only finds an institution among the countries asked for.
      if (!institution.country_codes.some((country) => request.country_codes.includes(country))) {
        throw EmulatedPlaidError.of('INVALID_INSTITUTION');
      }
      return {
        institution: institutionView(institution, {
          includeOptionalMetadata: request.options?.include_optional_metadata === true,
          includeStatus: request.options?.include_status === true,
          statusSince: isoDateTime(services.clock.now() - 86_400_000),
        }),
      };
    },
  ),

  /** A page of the institutions (the sandbox's test banks), with `total` for paging. */
  clientEndpoint<InstitutionsGetRequest, InstitutionsGetResponse>('/institutions/get', institutionsGetSchema, (request, services) => {
    const options = request.options ?? {};
    const matching = matchingInstitutions({
      countryCodes: request.country_codes,
      products: options.products,
      oauth: options.oauth,
      routingNumbers: options.routing_numbers,
    });
    const view = {
      includeOptionalMetadata: options.include_optional_metadata === true,
      includeStatus: false,
      statusSince: isoDateTime(services.clock.now()),
    };
    return {
      institutions: matching.slice(request.offset, request.offset + request.count).map((institution) => institutionView(institution, view)),
      total: matching.length,
    };
  }),

  /** Institutions whose name contains the query, case-insensitively (Plaid ranks by relevance; here, by name). */
  clientEndpoint<InstitutionsSearchRequest, InstitutionsSearchResponse>(
    '/institutions/search',
    institutionsSearchSchema,
    (request, services) => {
      const query = request.query.trim().toLowerCase();
      const options = request.options ?? {};
      const view = {
        includeOptionalMetadata: options.include_optional_metadata === true,
        includeStatus: false,
        statusSince: isoDateTime(services.clock.now()),
      };
      const found = matchingInstitutions({ countryCodes: request.country_codes, products: request.products, oauth: options.oauth })
        .filter((institution) => institution.name.toLowerCase().includes(query))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { institutions: found.map((institution) => institutionView(institution, view)) };
    },
  ),
];
