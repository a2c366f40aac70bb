import type { InstitutionsGetByIdRequest, InstitutionsGetByIdResponse } from 'plaid';
import { isoDateTime } from './emulator-clock';
import { institutionsGetByIdSchema } from './endpoint-request-schemas';
import { requireInstitution } from './item-linker';
import { clientEndpoint, type PlaidEndpoint } from './plaid-endpoint';
import { PlaidApiError } from './plaid-error';
import { institutionView } from './sandbox-institutions';

export const institutionEndpoints: readonly PlaidEndpoint[] = [
  clientEndpoint<InstitutionsGetByIdRequest, InstitutionsGetByIdResponse>(
    '/institutions/get_by_id',
    institutionsGetByIdSchema,
    (request, services) => {
      const institution = requireInstitution(request.institution_id);
      // Plaid only finds an institution among the countries asked for.
      if (!institution.country_codes.some((country) => request.country_codes.includes(country))) {
        throw PlaidApiError.of('INVALID_INSTITUTION');
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
];
