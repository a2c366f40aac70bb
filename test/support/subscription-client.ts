import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface ReceivedResult {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface OpenSubscription {
  /** The next result, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ReceivedResult>;
  /** Everything received so far and not yet taken by next(). */
  pending(): ReceivedResult[];
  close(): Promise<void>;
}

/** A graphql-ws client subscribed like a mobile app would be, buffering what arrives. */
export async function subscribe(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<OpenSubscription> {
  const client: Client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const buffer: ReceivedResult[] = [];
  const waiters: Array<{ resolve: (result: ReceivedResult) => void; reject: (error: unknown) => void }> = [];
  let failure: unknown;
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => {
        const waiter = waiters.shift();
        if (waiter) waiter.resolve(result as ReceivedResult);
        else buffer.push(result as ReceivedResult);
      },
      // A subscription refused at subscribe time (e.g. an expired cursor): its GraphQL errors.
      error: (error) => {
        failure = error;
        waiters.splice(0).forEach((waiter) => waiter.reject(error));
      },
      complete: () => undefined,
    },
  );
  await connected;
  // The subscribe message is sent right after connection_ack; give the server a moment to register it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    next(timeoutMs = 10_000) {
      const ready = buffer.shift();
      if (ready) return Promise.resolve(ready);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          resolve: (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    pending: () => buffer.splice(0),
    close: () => client.dispose() as Promise<void>,
  };
}
