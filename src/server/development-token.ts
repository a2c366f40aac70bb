import type { IncomingMessage } from 'node:http';
import { issueToken } from '../auth/token-issuer';
import type { AuthConfig } from '../config/config';
import { isLoopbackAddress, isLoopbackHostname } from '../security/loopback';

/** The user `npm start` prints a token for, and whose token the explorer and the reference web app carry. */
export const DEVELOPMENT_USER_ID = 'demo';

/** Why a request was not handed the development token. */
export type DevelopmentTokenWithheld = 'NOT_LOCAL' | 'FORWARDED' | 'FOREIGN_HOST' | 'CROSS_ORIGIN';

const INSTEAD = 'use a token from `npm run -s token -- <userId>` instead (the reference web app takes it as /demo/#token=<token>)';

const WITHHELD_MESSAGES: Readonly<Record<DevelopmentTokenWithheld, string>> = {
  NOT_LOCAL: `No development token: it is handed only to a browser on the gateway's own machine; ${INSTEAD}`,
  FORWARDED: `No development token: this request came through a proxy, whose clients may be anywhere; ${INSTEAD}`,
  FOREIGN_HOST: `No development token: the request's Host is neither a loopback name nor PUBLIC_URL's host; ${INSTEAD}`,
  CROSS_ORIGIN: `No development token: the request came from a page of another origin; ${INSTEAD}`,
};

export type DevelopmentTokenGrant = { token: string } | { withheld: DevelopmentTokenWithheld; message: string };

/** `host` or `host:port`, the host a name or an IP address (IPv6 in brackets); anything else is no Host of ours. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/;

/**
 * Why `request` may not be handed the development token (a working 24 h token for the user
 * `demo`), or undefined when it may. The token goes only to a browser on this machine, asking
 * from one of the gateway's own pages or from its address bar:
 * - The socket's peer is a loopback address. X-Forwarded-For is never believed (anyone can
 *   send it); a request carrying it or Forwarded came through a proxy, whose clients may be
 *   anywhere, so it gets nothing.
 * - Host names this machine (`localhost`, a loopback address) or PUBLIC_URL's host. A site that
 *   points its own name at 127.0.0.1 (DNS rebinding) is same-origin with us to the browser, but
 *   its requests still carry its name.
 * - Nothing says another origin's page asked. Browsers send Origin with every request whose
 *   answer another origin may read (CORS), so an Origin other than the gateway's own refuses;
 *   Sec-Fetch-Site other than `same-origin` or `none` (typed in the address bar) refuses too:
 *   `same-site` is another port of localhost, another app. Neither header (curl, a same-origin
 *   GET of a browser without Fetch Metadata) is a request no other page made.
 * CORS is never granted on the routes that call this (see http-routes.ts); this check does not
 * rely on it.
 */
export function developmentTokenWithheld(request: IncomingMessage, publicUrl: string): DevelopmentTokenWithheld | undefined {
  const { headers } = request;
  if (!isLoopbackAddress(request.socket.remoteAddress ?? '')) return 'NOT_LOCAL';
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return 'FORWARDED';
  const host = (headers.host ?? '').toLowerCase();
  const hostname = HOST_HEADER.exec(host)?.[1];
  const publicOrigin = new URL(publicUrl);
  if (hostname === undefined || (!isLoopbackHostname(hostname) && hostname !== publicOrigin.hostname)) return 'FOREIGN_HOST';
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && origin !== `http://${host}` && origin !== publicOrigin.origin) return 'CROSS_ORIGIN';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'CROSS_ORIGIN';
  return undefined;
}

/** Signs the development token for the requests that may have it (outside production only). */
export class DevelopmentTokens {
  constructor(
    private readonly secret: string,
    private readonly auth: Pick<AuthConfig, 'issuer' | 'audience'>,
    private readonly publicUrl: string,
  ) {}

  async grant(request: IncomingMessage): Promise<DevelopmentTokenGrant> {
    const withheld = developmentTokenWithheld(request, this.publicUrl);
    if (withheld) return { withheld, message: WITHHELD_MESSAGES[withheld] };
    return { token: await issueToken(this.secret, this.auth, DEVELOPMENT_USER_ID) };
  }
}
