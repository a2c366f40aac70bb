import { createHash } from 'node:crypto';
import type { GraphQLResponse } from './test-gateway';

/** APQ's hash of a document: SHA-256 of its exact text, hex (graphql-codegen's persisted documents use the same). */
export const documentHash = (query: string) => createHash('sha256').update(query).digest('hex');

/**
 * One POST as Apollo's persisted-query link sends it: the hash alone, or with `query` to
 * register it.
 */
export async function postPersisted(
  url: string,
  hash: string,
  options: { query?: string; token?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphQLResponse> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({
      query: options.query,
      variables: options.variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }),
  });
  const body = (await response.json()) as Pick<GraphQLResponse, 'data' | 'errors'>;
  return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
}
