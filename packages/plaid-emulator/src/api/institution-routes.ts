import type { InstitutionsGetByIdRequest, InstitutionsGetByIdResponse } from 'plaid';
import { isoDateTime } from '../state/emulator-clock';
import { institutionsGetByIdSchema } from './endpoint-request-schemas';
import { requireInstitution } from '../link/item-linker';
import { clientEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { institutionView } from '../data/sandbox-institutions';

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
];
