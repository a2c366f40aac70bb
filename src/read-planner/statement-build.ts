import { getArgumentValues } from 'graphql';
import type { SpendingLimits } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { sqlLiteral } from './json-text-sql';
import type { PlannedField } from './planned-field';

/**
 * One statement being written: its parameters (`$1` the caller's id), the operation's
 * variables, the limits the services check, a counter naming its SQL aliases, and the table of
 * field SQL objectSql reads (handed in, so the SQL of each field needs not import the table
 * that names it).
 */
export interface Build {
  params: unknown[];
  variables: Record<string, unknown>;
  maxPageSize: number;
  spending: SpendingLimits;
  aliases: number;
  fields: FieldTable;
}

/** Every field the planner answers, per type, with the SQL of its JSON. */
export type FieldTable = Record<string, Record<string, FieldSql>>;

/** The JSON text of one field of a row (`row` is its SQL alias); NULL in SQL sends the request to the resolvers. */
export type FieldSql = (row: string, field: PlannedField, build: Build) => string;

export const bind = (build: Build, value: unknown) => `$${build.params.push(value)}`;
export const alias = (build: Build, prefix: string) => `${prefix}${++build.aliases}`;
export const argumentsOf = (field: PlannedField, build: Build) =>
  field.definition ? getArgumentValues(field.definition, field.node, build.variables) : {};

/**
 * `check`'s answer, or null where the services would refuse the arguments (it throws their
 * DomainError): the field's SQL is then NULL, and the resolvers answer the request again, with
 * today's error and path.
 */
export function accepted<T>(check: () => T): { value: T } | null {
  try {
    return { value: check() };
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** The SQL building the JSON object of a selection on one row, keys in the selection's order. */
export function objectOf(
  typeName: string,
  selection: readonly PlannedField[],
  fields: Record<string, FieldSql>,
  row: string,
  build: Build,
): string {
  // Every field skipped: graphql-jit writes an empty object.
  if (selection.length === 0) return `'{}'::text`;
  const parts = selection.map((field, index) => {
    const key = `${sqlLiteral(`${index === 0 ? '{' : ','}${JSON.stringify(field.responseKey)}:`)}::text`;
    const value = field.fieldName === '__typename' ? sqlLiteral(JSON.stringify(typeName)) : fields[field.fieldName](row, field, build);
    return `${key} || (${value})`;
  });
  return `(${parts.join(' || ')} || '}')`;
}

export const objectSql = (typeName: string, selection: readonly PlannedField[], row: string, build: Build) =>
  objectOf(typeName, selection, build.fields[typeName], row, build);

/**
 * A JSON array of rows in order; a NULL element (a sentinel) makes the whole array NULL, which
 * string_agg alone would drop. OFFSET 0 keeps PostgreSQL from pulling the subquery up, which
 * would write each element (and every list nested in it) once per aggregate that reads it.
 */
export function listSql(element: string, from: string, order: readonly string[]): string {
  const keys = order.map((expression, index) => `${expression} AS k${index}`).join(', ');
  const byKeys = order.map((_, index) => `x.k${index}`).join(', ');
  return `(SELECT CASE WHEN count(*) = count(x.o) THEN '[' || coalesce(string_agg(x.o, ',' ORDER BY ${byKeys}), '') || ']' END
    FROM (SELECT ${element} AS o, ${keys} FROM ${from} OFFSET 0) x)`;
}

/**
 * A JSON array aggregated over the rows of the current group that `condition` keeps, in
 * `order`; as in listSql, a NULL element (a sentinel) makes the whole array NULL.
 */
export function keptListSql(element: string, condition: string, order: string): string {
  const kept = `FILTER (WHERE ${condition})`;
  return `CASE WHEN count(${element}) ${kept} = count(*) ${kept}
    THEN '[' || coalesce(string_agg(${element}, ',' ORDER BY ${order}) ${kept}, '') || ']' END`;
}

/** A nullable object read by id: 'null' when there is no row, NULL (a sentinel) when the row's object is NULL. */
export function nullableRowSql(element: string, from: string): string {
  return `(SELECT CASE WHEN count(*) = 0 THEN 'null' ELSE min(x.o) END FROM (SELECT ${element} AS o FROM ${from}) x)`;
}
