import { NO_CURRENCY_CODE } from '../money/money';
import { jsonDateTime, jsonString, nullableNumber, orNull, sqlLiteral } from './json-text-sql';
import { objectOf, type FieldSql } from './statement-build';

/** Field SQL reading one column of a row (or two, for Money): the fields of the tables and row sets. */

/**
 * Money (moneyOf) from a numeric column and its row's currency columns: the numeric's own text,
 * as node-pg hands it to the resolvers. NaN or Infinity, which no Decimal can be, is NULL: the
 * resolvers answer (and report it).
 */
export function moneySql(column: string, nullable: boolean): FieldSql {
  return (row, field, build) => {
    const amount = `${row}.${column}`;
    const money = objectOf(
      'Money',
      field.selection,
      {
        amount: () => `CASE WHEN ${amount} NOT IN ('NaN', 'Infinity', '-Infinity') THEN ${jsonString(`${amount}::text`)} END`,
        currencyCode: () =>
          jsonString(`coalesce(${row}.iso_currency_code, ${row}.unofficial_currency_code, ${sqlLiteral(NO_CURRENCY_CODE)})`),
      },
      row,
      build,
    );
    return nullable ? `CASE WHEN ${amount} IS NULL THEN 'null' ELSE ${money} END` : money;
  };
}

export const text =
  (column: string): FieldSql =>
  (row) =>
    jsonString(`${row}.${column}`);
export const nullableText =
  (column: string): FieldSql =>
  (row) =>
    orNull(jsonString(`${row}.${column}`));
export const timestamp =
  (column: string): FieldSql =>
  (row) =>
    jsonDateTime(`${row}.${column}`);
export const nullableTimestamp =
  (column: string): FieldSql =>
  (row) =>
    orNull(jsonDateTime(`${row}.${column}`));
export const nullableFloat =
  (column: string): FieldSql =>
  (row) =>
    nullableNumber(`${row}.${column}`);

/** A stored enum's name, as graphql-js serializes its value; a value not in it is NULL (the resolvers answer, and report it). */
export function enumSql(values: Record<string, string>): (column: string) => FieldSql {
  return (column) => (row) =>
    `CASE ${Object.entries(values)
      .map(([name, value]) => `WHEN ${row}.${column} = ${sqlLiteral(value)} THEN ${sqlLiteral(JSON.stringify(name))}`)
      .join(' ')} END`;
}
