import type { Server } from 'node:http';

/** Closes a test's HTTP server at once, open keep-alive connections included. */
export function closeHttpServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
