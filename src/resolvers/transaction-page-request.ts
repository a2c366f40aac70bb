import type { GraphQLResolveInfo } from 'graphql';
import type { TransactionPageArgs } from '../schema/transaction-page.args';
import { isTransactionField, type TransactionPageRequest, type TransactionScope } from '../services/transaction-query.service';
import { selectedFieldNames } from './selected-fields';

/** A page of a transactions field, asking the database for just what the operation selects. */
export function transactionPageRequest(
  info: GraphQLResolveInfo,
  scope: TransactionScope,
  scopeId: string,
  args: TransactionPageArgs,
): TransactionPageRequest {
  return {
    scope,
    scopeId,
    args,
    withTotalCount: selectedFieldNames(info).has('totalCount'),
    fields: [...selectedFieldNames(info, ['edges', 'node'])].map(columnFieldOf).filter(isTransactionField),
  };
}

/** effectiveCategory falls back to Plaid's category, so it reads that column. */
const columnFieldOf = (name: string) => (name === 'effectiveCategory' ? 'category' : name);
