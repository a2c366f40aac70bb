import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { hasExpired, onTokenExpiry, tokenExpired } from '../auth/token-expiry';
import type { ConnectionContext } from './websocket-connection';

/**
 * graphql-ws's Forbidden, the close code of a refused `connection_init` too: reconnect with a
 * fresh token. graphql-ws clients retry it (it is not among their fatal codes).
 */
export const TOKEN_EXPIRED_CLOSE = { code: CloseCode.Forbidden, reason: 'Token expired' } as const;

const closeExpired = (socket: WebSocket) => socket.close(TOKEN_EXPIRED_CLOSE.code, TOKEN_EXPIRED_CLOSE.reason);

/** Closes the socket when its token expires: one timer per connection, cleared when the socket closes. */
export function closeAtTokenExpiry(socket: WebSocket, user: AuthenticatedUser, now?: () => number): void {
  // Closed while its token was being verified: its 'close' has been and gone, and would never clear the timer.
  if (socket.readyState === socket.CLOSED) return;
  socket.once(
    'close',
    onTokenExpiry(user, () => closeExpired(socket), now),
  );
}

/**
 * Every operation re-checks the token: one sent after the expiry (before the timer closed the
 * socket) closes it and gets errors instead of running. The errors are never sent, as the
 * socket is closing; graphql-ws clients retry the operation once they have reconnected.
 */
export function refusalOfExpiredToken(ctx: ConnectionContext, nowMs: number = Date.now()): readonly GraphQLError[] | undefined {
  const user = ctx.extra.user;
  if (!user || !hasExpired(user, nowMs)) return undefined;
  closeExpired(ctx.extra.socket);
  const error = tokenExpired();
  return [new GraphQLError(error.message, { originalError: error })];
}
