import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** What the WebSocket server keeps on each connection: who connected, and an id for the logs. */
export type ConnectionExtra = {
  user?: AuthenticatedUser;
  connectionId?: string;
};

/** A connection as every graphql-ws hook sees it: its socket, and what the server kept on it. */
export type ConnectionContext = Context<Record<string, unknown>, Extra & Partial<ConnectionExtra>>;
