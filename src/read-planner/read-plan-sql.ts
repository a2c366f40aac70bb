import type { SpendingLimits } from '../config/config';
import { FIELDS } from './field-tables';
import type { PlannedField } from './planned-field';
import { objectSql, type Build } from './statement-build';

/** The statement of a plan: `$1` is always the caller's user id, so every row it reads is scoped to the caller. */
export interface ReadStatement {
  sql: string;
  params: unknown[];
}

/** The one statement answering a planned operation's `data` as JSON text (NULL: the resolvers answer instead). */
export function readStatement(
  selection: readonly PlannedField[],
  userId: string,
  variables: Record<string, unknown>,
  limits: { maxPageSize: number; spending: SpendingLimits },
): ReadStatement {
  const build: Build = {
    params: [userId],
    variables,
    maxPageSize: limits.maxPageSize,
    spending: limits.spending,
    aliases: 0,
    fields: FIELDS,
  };
  // The caller's id is always read, typed: a selection that reads no row (only __typename) leaves no $1 otherwise.
  return {
    sql: `SELECT ${objectSql('Query', selection, '', build)} AS data FROM (SELECT $1::text) AS caller(user_id)`,
    params: build.params,
  };
}
