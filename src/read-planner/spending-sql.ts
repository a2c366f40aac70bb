import { spendingRowsSql } from '../repositories/spending.repository';
import { DateScalar } from '../schema/scalars';
import { spendingQueryOf, type SpendingArgs } from '../services/spending.service';
import { text } from './column-fields';
import { jsonString } from './json-text-sql';
import type { PlannedField } from './planned-field';
import { accepted, alias, argumentsOf, bind, keptListSql, objectOf, type Build, type FieldSql } from './statement-build';

/**
 * spending as SpendingService answers it, from the same question (spendingQueryOf) and rows
 * (SpendingRepository's spendingRowsSql) in the same order. A range the service would refuse makes this NULL: the
 * request is answered again by the resolvers, with their error.
 */
export function spendingSql(field: PlannedField, build: Build): string {
  const args = argumentsOf(field, build) as unknown as SpendingArgs;
  const query = accepted(() => spendingQueryOf(args, build.spending));
  if (!query) return 'NULL';
  const rows = spendingRowsSql(query.value, '$1', build.params);
  const row = alias(build, 'g');
  const groupFields: Record<string, FieldSql> = {
    key: text('key'),
    currencyCode: text('currency_code'),
    outflow: text('outflow'),
    inflow: text('inflow'),
    net: text('net'),
    transactionCount: (of) => `${of}.transaction_count::text`,
  };
  const list =
    (which: string): FieldSql =>
    (_, groups) =>
      keptListSql(objectOf('SpendingGroup', groups.selection, groupFields, row, build), which, `${row}.position`);
  // The dates as the resolvers hand them back, through the same scalar.
  const date = (value: string) => () => jsonString(`${bind(build, DateScalar.serialize(value))}::text`);
  const summaryFields: Record<string, FieldSql> = {
    from: date(args.from),
    to: date(args.to),
    groups: list(`NOT ${row}.total`),
    totals: list(`${row}.total`),
  };
  // Over the rows as one group (HAVING: one row even when there are none).
  return `(SELECT ${objectOf('SpendingSummary', field.selection, summaryFields, row, build)} FROM (${rows}) ${row} HAVING true)`;
}
