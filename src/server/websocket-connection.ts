import type { AuthenticatedUser } from '../auth/authenticated-user';

/** What the WebSocket server keeps on each connection: who connected, and an id for the logs. */
export type ConnectionExtra = {
  user?: AuthenticatedUser;
  connectionId?: string;
};
