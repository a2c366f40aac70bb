import { criteriaConditions } from '../repositories/transaction.repository';
import { validPageArgs, wellFormedCriteria } from '../services/transaction-query.service';
import { base64url, orNull } from './json-text-sql';
import type { PlannedField } from './planned-field';
import { accepted, alias, argumentsOf, bind, keptListSql, objectOf, objectSql, type Build, type FieldSql } from './statement-build';

/** A page of transactions newest first on (date, id) where `scope` holds, with the arguments' filter and cursor. */
export function connectionSql(field: PlannedField, build: Build, scope: string): string {
  const valid = accepted(() => validPageArgs(argumentsOf(field, build), build.maxPageSize));
  if (!valid) return 'NULL';
  const page = valid.value;
  const criteria = wellFormedCriteria(page.criteria);
  const matches = [scope, ...(criteria ? criteriaConditions(criteria, build.params) : ['false'])].join(' AND ');
  const keyset = page.after ? ` AND (t.date, t.id) < (${bind(build, page.after.date)}::date, ${bind(build, page.after.id)}::uuid)` : '';
  const first = `${bind(build, page.first)}::int`;
  const row = alias(build, 'p');
  // The page's rows with each edge selection written once, in a subquery PostgreSQL keeps as it is
  // (OFFSET 0): the aggregates below read an edge twice (its count and its text).
  const rows = alias(build, 'q');
  const edgeColumns: string[] = [];
  const inPage = `${rows}.position <= ${first}`;
  const cursorOf = (of: string) => base64url(`${of}.date::text || '|' || ${of}.id::text`);
  const edgeFields: Record<string, FieldSql> = {
    cursor: () => `'"' || ${cursorOf(row)} || '"'`,
    node: (_, node) => objectSql('Transaction', node.selection, row, build),
  };
  const pageInfoFields: Record<string, FieldSql> = {
    hasNextPage: () => `CASE WHEN count(*) > ${first} THEN 'true' ELSE 'false' END`,
    endCursor: () => orNull(`to_json((array_agg(${cursorOf(rows)} ORDER BY ${rows}.position DESC) FILTER (WHERE ${inPage}))[1])::text`),
  };
  // Over the page's rows as one group (HAVING: one row even when nothing but totalCount is selected): edges aggregate the first `first`, the extra row only says there is a next page.
  const connectionFields: Record<string, FieldSql> = {
    totalCount: () => `(SELECT count(*)::int FROM transactions t WHERE ${matches})::text`,
    edges: (_, edges) => {
      const column = `${rows}.e${edgeColumns.length}`;
      edgeColumns.push(`${objectOf('TransactionEdge', edges.selection, edgeFields, row, build)} AS e${edgeColumns.length}`);
      return keptListSql(column, inPage, `${rows}.position`);
    },
    pageInfo: (_, pageInfo) => objectOf('PageInfo', pageInfo.selection, pageInfoFields, rows, build),
  };
  const connection = objectOf('TransactionConnection', field.selection, connectionFields, rows, build);
  return `(SELECT ${connection}
    FROM (SELECT ${[`${row}.*`, ...edgeColumns].join(', ')}
          FROM (SELECT t.*, row_number() OVER (ORDER BY t.date DESC, t.id DESC) AS position FROM transactions t
                 WHERE ${matches}${keyset} ORDER BY t.date DESC, t.id DESC LIMIT ${first} + 1) ${row}
          OFFSET 0) ${rows}
    HAVING true)`;
}
