import { createClient as createSseClient } from 'graphql-sse';
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

interface Sink {
  next(result: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

/** What a transport's client hands to the subscription, buffered for `next()`. */
function buffered(close: () => Promise<void>): { sink: Sink; subscription: OpenSubscription } {
  const buffer: ReceivedResult[] = [];
  const waiters: Array<{ resolve: (result: ReceivedResult) => void; reject: (error: unknown) => void }> = [];
  let failure: { error: unknown } | undefined;
  const sink: Sink = {
    next: (result) => {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(result as ReceivedResult);
      else buffer.push(result as ReceivedResult);
    },
    // A transport-level failure (a refused connection or stream).
    error: (error) => {
      failure = { error };
      waiters.splice(0).forEach((waiter) => waiter.reject(error));
    },
    complete: () => undefined,
  };
  const subscription: OpenSubscription = {
    next(timeoutMs = 10_000) {
      const ready = buffer.shift();
      if (ready) return Promise.resolve(ready);
      if (failure) return Promise.reject(failure.error);
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
    close,
  };
  return { sink, subscription };
}

/** The server registers a subscription right after it receives it; give it a moment. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** A graphql-ws client subscribed like a mobile app would be, buffering what arrives. */
export async function subscribe(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<OpenSubscription> {
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const { sink, subscription } = buffered(() => client.dispose() as Promise<void>);
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<Record<string, unknown>>({ query, variables }, sink);
  await connected;
  await settle();
  return subscription;
}

/** One more subscription on an open graphql-ws client: many share its socket, as an app's screens do. */
export function subscribeOn(client: Client, query: string, variables: Record<string, unknown> = {}): OpenSubscription {
  let unsubscribe = () => undefined as void;
  const { sink, subscription } = buffered(async () => unsubscribe());
  unsubscribe = client.subscribe<Record<string, unknown>>({ query, variables }, sink);
  return subscription;
}

/** The same over Server-Sent Events (graphql-sse, distinct connections mode), as a client behind a WebSocket-blocking proxy would. */
export async function subscribeSse(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<OpenSubscription> {
  const client = createSseClient({ url, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  let connected!: () => void;
  const opened = new Promise<void>((resolve) => (connected = resolve));
  let unsubscribe = () => undefined as void;
  const { sink, subscription } = buffered(async () => {
    unsubscribe();
    client.dispose();
  });
  unsubscribe = client.subscribe<Record<string, unknown>>({ query, variables }, sink, { connected: () => connected() });
  // A refused stream never connects; its error reaches next().
  await Promise.race([opened, settle()]);
  await settle();
  return subscription;
}
