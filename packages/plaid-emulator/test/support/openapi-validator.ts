import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** Plaid's OpenAPI spec, kept in this package (see spec/README.md). */
export const PLAID_OPENAPI_PATH = path.resolve(__dirname, '../../spec/plaid-openapi-2020-09-14.yml');

const SPEC_ID = 'plaid-openapi';
/** OpenAPI annotations that are not JSON Schema and would trip ajv's strict mode. */
const ANNOTATIONS = new Set(['example', 'examples', 'externalDocs', 'xml', 'discriminator', 'deprecated', 'readOnly', 'writeOnly']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns an OpenAPI 3.0 schema into JSON Schema (draft-07, as ajv runs it):
 * - `nullable: true` becomes a `null` type (or an `anyOf` with null where the schema has no
 *   plain `type`, e.g. beside `$ref` or `allOf`), and `null` joins an `enum`;
 * - siblings of `$ref` (ignored by draft-07) are kept by moving the `$ref` into `allOf`;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers;
 * - vendor extensions and documentation-only keywords are dropped.
 */
export function openApiToJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(openApiToJsonSchema);
  if (!isObject(node)) return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || ANNOTATIONS.has(key) || key === 'nullable') continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, openApiToJsonSchema(schema)]));
      continue;
    }
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof node[bound] === 'number') out[key] = node[bound];
      continue;
    }
    if (key === 'default' || key === 'enum' || key === 'required' || key === 'description' || key === 'title') {
      out[key] = value;
      continue;
    }
    out[key] = openApiToJsonSchema(value);
  }
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    const allOf = Array.isArray(rest.allOf) ? rest.allOf : [];
    delete rest.allOf;
    Object.assign(out, { ...rest, allOf: [{ $ref }, ...allOf] });
    delete out.$ref;
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface Violation {
  where: string;
  errors: string[];
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .slice(0, 12)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

interface OperationResponses {
  [status: string]: { $ref: string } | undefined;
}

/**
 * Validates bodies against Plaid's spec: a path's answer for a status (falling back to
 * the operation's `default`, Plaid's error object), or any named component (webhooks).
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations = new Map<string, OperationResponses>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly requestSchemaNames = new Map<string, string>();
  private readonly rawSchemas: { [key: string]: Json };

  constructor(specPath: string = PLAID_OPENAPI_PATH) {
    const spec = parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 }) as { [key: string]: Json };
    const components = spec.components as { [key: string]: Json };
    const schemas = components.schemas as { [key: string]: Json };
    this.rawSchemas = schemas;
    const converted = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, openApiToJsonSchema(schema)]));
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SPEC_ID, components: { schemas: converted } });

    const paths = spec.paths as { [path: string]: { post?: { responses: { [status: string]: Json }; requestBody?: Json } } };
    for (const [route, item] of Object.entries(paths)) {
      const responses = item.post?.responses;
      if (!responses) continue;
      const requestRef = JSON.stringify(item.post?.requestBody ?? null).match(/"\$ref":"#\/components\/schemas\/([^"]+)"/)?.[1];
      if (requestRef) this.requestSchemaNames.set(route, requestRef);
      const byStatus: OperationResponses = {};
      for (const [status, response] of Object.entries(responses)) {
        const schema =
          isObject(response) && isObject(response.content ?? null)
            ? (response.content as { [k: string]: Json })['application/json']
            : undefined;
        const ref = schema && isObject(schema) && isObject(schema.schema ?? null) ? (schema.schema as { $ref?: string }).$ref : undefined;
        if (ref) byStatus[status] = { $ref: ref };
      }
      this.operations.set(route, byStatus);
    }
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(`${SPEC_ID}${ref}`);
      if (!validate) throw new Error(`no schema ${ref} in Plaid's spec`);
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  /** Errors for a response body of `POST path` with this HTTP status (empty: it conforms). */
  validateResponse(route: string, status: number, body: unknown): string[] {
    const responses = this.operations.get(route);
    if (!responses) return [`${route} is not a path in Plaid's spec`];
    const expected = responses[String(status)] ?? (status === 200 ? undefined : responses.default);
    if (!expected) return [`Plaid's spec has no ${status} answer for ${route}`];
    const validate = this.validator(expected.$ref);
    return validate(body) ? [] : describeErrors(validate.errors);
  }

  /** Errors for a value against `#/components/schemas/<name>`. */
  validateComponent(name: string, value: unknown): string[] {
    const validate = this.validator(`#/components/schemas/${name}`);
    return validate(value) ? [] : describeErrors(validate.errors);
  }

  /** The raw (OpenAPI) component a `POST path` takes as its body, to compare request handling with. */
  requestSchema(route: string): { [key: string]: Json } | undefined {
    const name = this.requestSchemaNames.get(route);
    return name ? this.rawSchema(name) : undefined;
  }

  /** A raw (OpenAPI) component by name, `$ref`s followed. */
  rawSchema(nameOrRef: string): { [key: string]: Json } {
    const name = nameOrRef.replace('#/components/schemas/', '');
    const schema = this.rawSchemas[name];
    if (!schema || !isObject(schema)) throw new Error(`no schema ${name} in Plaid's spec`);
    return typeof schema.$ref === 'string' ? this.rawSchema(schema.$ref) : schema;
  }
}

let shared: OpenApiValidator | undefined;

/** One validator per test file (loading the 70k-line spec takes a moment). */
export function plaidOpenApiValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}
