import { createHash } from 'node:crypto';
import type { LinkTokenGetResponse } from 'plaid';

/** Plaid's public tokens can be exchanged for 30 minutes after Link hands them out. */
export const PUBLIC_TOKEN_LIFETIME_MS = 30 * 60 * 1000;

/** How a public token is kept and looked up: never in clear. */
export function publicTokenSha256(publicToken: string): string {
  return createHash('sha256').update(publicToken).digest('hex');
}

/**
 * The last moment a public token from this link token's Link can be exchanged: a session
 * may end just before the link token expires, and its public token lives 30 minutes more.
 */
export function exchangeableUntil(linkTokenExpiration: Date): Date {
  return new Date(linkTokenExpiration.getTime() + PUBLIC_TOKEN_LIFETIME_MS);
}

/**
 * Every public token the link token's Link sessions handed out, as `/link/token/get` reports
 * them: under `results.item_add_results` (one per Item a session added), or, for older
 * integrations, the deprecated `on_success`.
 */
export function publicTokensOfSessions(answer: Pick<LinkTokenGetResponse, 'link_sessions'>): string[] {
  return (answer.link_sessions ?? []).flatMap((session) => [
    ...(session.results?.item_add_results ?? []).map((result) => result.public_token),
    ...(session.on_success ? [session.on_success.public_token] : []),
  ]);
}
