import { EmulatedPlaidError } from '../errors/plaid-error';

/**
 * A compact description of a Plaid request body, enough to answer malformed requests the
 * way Plaid does (MISSING_FIELDS, UNKNOWN_FIELDS, INVALID_FIELD). The emulator cannot load
 * the OpenAPI file at run time (it is not shipped with the program), so each endpoint's
 * shape is written down here; a unit test checks these against the spec.
 */
export type FieldSchema =
  | StringField
  | { type: 'integer'; nullable?: boolean; minimum?: number; maximum?: number }
  | { type: 'number'; nullable?: boolean }
  | { type: 'boolean'; nullable?: boolean }
  | { type: 'array'; nullable?: boolean; items: FieldSchema; minItems?: number }
  | ObjectSchema;

export interface StringField {
  type: 'string';
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  enum?: readonly string[];
  format?: 'date' | 'date-time' | 'url';
}

export interface ObjectSchema {
  type: 'object';
  nullable?: boolean;
  /** Absent: an object whose contents the emulator does not use, accepted as is. */
  properties?: Readonly<Record<string, FieldSchema>>;
  required?: readonly string[];
}

interface Problems {
  missing: string[];
  unknown: string[];
  invalid: string[];
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(schema: FieldSchema): string {
  switch (schema.type) {
    case 'string':
      if (schema.enum) return `one of: ${schema.enum.join(', ')}`;
      if (schema.format === 'date') return 'a date in YYYY-MM-DD format';
      if (schema.format === 'url') return 'a valid URL';
      if (schema.format === 'date-time') return 'an RFC 3339 timestamp';
      return schema.minLength ? 'a properly formatted, non-empty string' : 'a string';
    case 'integer': {
      const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` between ${schema.minimum} and ${schema.maximum}` : '';
      return `an integer${range}`;
    }
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return schema.minItems ? `a list with at least ${schema.minItems} element(s)` : 'a list';
    case 'object':
      return 'an object';
  }
}

function isValidUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkString(schema: StringField, value: string): boolean {
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.format === 'date') return DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
  if (schema.format === 'date-time') return !Number.isNaN(Date.parse(value));
  if (schema.format === 'url') return isValidUrl(value);
  return true;
}

function checkValue(schema: FieldSchema, value: unknown, path: string, problems: Problems): void {
  if (value === null) {
    if (!schema.nullable) problems.invalid.push(`${path} must be ${describe(schema)}`);
    return;
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string' || !checkString(schema, value)) problems.invalid.push(`${path} must be ${describe(schema)}`);
      return;
    case 'integer':
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        (schema.minimum !== undefined && value < schema.minimum) ||
        (schema.maximum !== undefined && value > schema.maximum)
      ) {
        problems.invalid.push(`${path} must be ${describe(schema)}`);
      }
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.invalid.push(`${path} must be ${describe(schema)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.invalid.push(`${path} must be ${describe(schema)}`);
      return;
    case 'array':
      if (!Array.isArray(value) || (schema.minItems !== undefined && value.length < schema.minItems)) {
        problems.invalid.push(`${path} must be ${describe(schema)}`);
        return;
      }
      value.forEach((item, index) => checkValue(schema.items, item, `${path}[${index}]`, problems));
      return;
    case 'object':
      if (!isRecord(value)) {
        problems.invalid.push(`${path} must be ${describe(schema)}`);
        return;
      }
      checkObject(schema, value, `${path}.`, problems);
      return;
  }
}

function checkObject(schema: ObjectSchema, value: Record<string, unknown>, prefix: string, problems: Problems): void {
  const properties = schema.properties;
  if (!properties) return;
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) problems.missing.push(`${prefix}${name}`);
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    const fieldSchema = properties[name];
    if (!fieldSchema) {
      problems.unknown.push(`${prefix}${name}`);
      continue;
    }
    if (fieldValue !== undefined) checkValue(fieldSchema, fieldValue, `${prefix}${name}`, problems);
  }
}

/**
 * Checks a parsed JSON body against an endpoint's schema and returns it typed, or throws
 * the INVALID_REQUEST error Plaid gives: missing fields first, then unknown, then invalid.
 */
export function parseRequestBody<T>(schema: ObjectSchema, body: unknown): T {
  if (!isRecord(body)) throw EmulatedPlaidError.of('INVALID_BODY');
  const problems: Problems = { missing: [], unknown: [], invalid: [] };
  checkObject(schema, body, '', problems);
  if (problems.missing.length > 0) {
    throw EmulatedPlaidError.of('MISSING_FIELDS', {
      message: `the following required fields are missing: ${problems.missing.join(', ')}`,
    });
  }
  if (problems.unknown.length > 0) {
    throw EmulatedPlaidError.of('UNKNOWN_FIELDS', {
      message: `the following fields are not recognized by this endpoint: ${problems.unknown.join(', ')}`,
    });
  }
  if (problems.invalid.length > 0) {
    throw EmulatedPlaidError.of('INVALID_FIELD', { message: problems.invalid.join('; ') });
  }
  // The checks above establish the shape the endpoint's request type describes.
  return body as T;
}
