import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { OperationCaller } from './operation-guard';

/** What the WebSocket server keeps on each connection: who connected, from where, and an id for the logs. */
export type ConnectionExtra = {
  user?: AuthenticatedUser;
  connectionId?: string;
  /** The upgrade request's client address by TRUST_PROXY's rule, set on connect. */
  clientAddress?: string;
};

/** A connection as every graphql-ws hook sees it: its socket, and what the server kept on it. */
export type ConnectionContext = Context<Record<string, unknown>, Extra & Partial<ConnectionExtra>>;

/** Who sends the connection's operations: set on connect, which graphql-ws completes before any operation. */
export function connectionCaller(extra: ConnectionExtra): OperationCaller {
  return { user: extra.user ?? null, clientAddress: extra.clientAddress ?? '' };
}
