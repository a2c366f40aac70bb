import { streamConditions, streamOrder } from '../repositories/recurring-stream.repository';
import { streamCriteriaOf } from '../services/recurring-stream.service';
import type { PlannedField } from './planned-field';
import { accepted, alias, argumentsOf, listSql, objectSql, type Build } from './statement-build';

/**
 * recurringStreams as RecurringStreamService answers it, from the same streams
 * (RecurringStreamRepository's conditions and order). A filter the service would refuse makes
 * this NULL: the request is answered again by the resolvers, with their error.
 */
export function recurringStreamsSql(field: PlannedField, build: Build): string {
  const valid = accepted(() => streamCriteriaOf(argumentsOf(field, build), build.maxPageSize));
  if (!valid) return 'NULL';
  const criteria = valid.value;
  if (!criteria) return `'[]'`;
  const row = alias(build, 'rs');
  // One key, the repository's order, as listSql's keys sort ascending only.
  return listSql(
    objectSql('RecurringStream', field.selection, row, build),
    `recurring_streams ${row} WHERE ${streamConditions(row, '$1', criteria, build.params)}`,
    [`row_number() OVER (ORDER BY ${streamOrder(row).join(', ')})`],
  );
}
