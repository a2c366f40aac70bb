import * as schemas from '../../../src/api/endpoint-request-schemas';
import { plaidEndpoints } from '../../../src/api/plaid-endpoints';
import type { FieldSchema, ObjectSchema } from '../../../src/server/request-schema';
import { plaidOpenApiValidator } from '../../support/openapi-validator';

/** The emulator's hand-written request shapes must say what Plaid's spec says, for every endpoint it serves. */
const ENDPOINTS: Array<[string, ObjectSchema]> = plaidEndpoints.map((endpoint) => [endpoint.path, endpoint.schema]);

type Raw = { [key: string]: unknown };

/** Values the emulator accepts beyond the spec, on purpose and named in one place. */
const EXTENSIONS = new Set<string>(schemas.EMULATOR_WEBHOOK_CODE_EXTENSIONS);

function resolve(schema: Raw): Raw {
  const validator = plaidOpenApiValidator();
  if (typeof schema.$ref === 'string') return resolve(validator.rawSchema(schema.$ref));
  const allOf = schema.allOf as Raw[] | undefined;
  if (allOf)
    return allOf
      .map(resolve)
      .reduce((merged, part) => ({ ...part, ...merged, properties: { ...(part.properties as Raw), ...(merged.properties as Raw) } }), {});
  return schema;
}

function compare(ours: FieldSchema, spec: Raw, path: string, problems: string[]): void {
  const resolved = resolve(spec);
  const specType = resolved.type ?? (resolved.properties ? 'object' : undefined);
  if (specType !== undefined && specType !== ours.type) problems.push(`${path}: ours ${ours.type}, spec ${JSON.stringify(specType)}`);
  if (ours.type === 'array' && resolved.items) compare(ours.items, resolved.items as Raw, `${path}[]`, problems);
  if (ours.type === 'string' && ours.enum && Array.isArray(resolved.enum)) {
    const extra = ours.enum.filter((value) => !(resolved.enum as unknown[]).includes(value) && !EXTENSIONS.has(value));
    if (extra.length > 0) problems.push(`${path}: values not in the spec: ${extra.join(', ')}`);
  }
  if (ours.type === 'object' && ours.properties) {
    const specProperties = (resolved.properties ?? {}) as Record<string, Raw>;
    const ourNames = Object.keys(ours.properties).sort();
    const specNames = Object.keys(specProperties).sort();
    if (JSON.stringify(ourNames) !== JSON.stringify(specNames))
      problems.push(`${path}: properties ${ourNames.join(',')} vs spec ${specNames.join(',')}`);
    const required = [...(ours.required ?? [])].sort();
    const specRequired = [...((resolved.required as string[] | undefined) ?? [])].sort();
    if (JSON.stringify(required) !== JSON.stringify(specRequired))
      problems.push(`${path}: required ${required.join(',')} vs spec ${specRequired.join(',')}`);
    for (const [name, field] of Object.entries(ours.properties)) {
      if (specProperties[name]) compare(field, specProperties[name], `${path}.${name}`, problems);
    }
  }
}

it.each(ENDPOINTS)('%s takes the fields the spec gives it', (route, ours) => {
  const spec = plaidOpenApiValidator().requestSchema(route);
  expect(spec).toBeDefined();
  const problems: string[] = [];
  compare(ours, spec!, route, problems);
  expect(problems).toEqual([]);
});
