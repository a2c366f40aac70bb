import { hash, randomBytes, randomUUID } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Plaid's item, account and transaction ids are 37 alphanumerics. */
const PLAID_ID_LENGTH = 37;
const REQUEST_ID_LENGTH = 15;

function base62(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += BASE62[byte % 62];
  return out;
}

/**
 * A Plaid-shaped id computed from its parts (seed, owner, kind, index), so the same seed
 * gives the same ids while ids of different Items never collide. Base64 of SHA-512 with
 * its two symbols mapped to letters: fast enough to name every row of a big sync page.
 */
export function derivedPlaidId(...parts: ReadonlyArray<string | number>): string {
  return hash('sha512', parts.join('\u001f'), 'base64')
    .slice(0, PLAID_ID_LENGTH)
    .replace(/[+/]/g, (symbol) => (symbol === '+' ? 'x' : 'z'));
}

export type PlaidTokenKind = 'access' | 'public' | 'link' | 'processor';

/** Tokens are secrets, so they are random rather than derived from the seed. */
export function newPlaidToken(kind: PlaidTokenKind): string {
  return `${kind}-sandbox-${randomUUID()}`;
}

const TOKEN_PATTERN =
  /^(access|public|link|processor)-(sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ParsedPlaidToken {
  kind: PlaidTokenKind;
  environment: string;
}

export function parsePlaidToken(token: string): ParsedPlaidToken | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  return { kind: match[1] as PlaidTokenKind, environment: match[2] };
}

export function newRequestId(): string {
  return base62(randomBytes(REQUEST_ID_LENGTH));
}
