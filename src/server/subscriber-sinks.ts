import type { ServerResponse } from 'node:http';
import WebSocket from 'ws';
import type { SerialisedResult } from './subscription-results';

/** Where one subscription's results go: framed for its transport and written at once, no promise per write. */
export interface SubscriberSink {
  write(result: SerialisedResult): void;
}

/** The sink a transport registered for this subscription's context when it made the context. */
export function sinkOf(sinks: WeakMap<object, SubscriberSink>, contextValue: unknown): SubscriberSink {
  const sink = typeof contextValue === 'object' && contextValue !== null ? sinks.get(contextValue) : undefined;
  if (!sink) throw new Error('a subscription without a sink: its context was not made by its transport');
  return sink;
}

/** RFC 6455's "Try Again Later": the subscriber fell behind; it reconnects and resumes with `after`. */
const TOO_SLOW = 1013;

/**
 * graphql-ws's `next` message for subscription `id`, built around the shared JSON. A socket
 * with more than `maxBufferedBytes` still to send is closed rather than buffered without end.
 */
export function webSocketSink(socket: WebSocket, id: string, maxBufferedBytes: number): SubscriberSink {
  const key = JSON.stringify(id);
  return {
    write(result) {
      if (socket.readyState !== WebSocket.OPEN) return;
      const frame = result.framed(key, (json) => `{"id":${key},"type":"next","payload":${json}}`);
      if (socket.bufferedAmount + frame.length > maxBufferedBytes) {
        socket.close(TOO_SLOW, 'Too slow to take its events; resume with after');
        return;
      }
      socket.send(frame, { binary: false });
    },
  };
}

const SSE_FRAME = 'sse';

/**
 * graphql-sse's `next` event (distinct connections mode), written straight to the response.
 * graphql-sse sends the headers only once the operation is set up, which a replayed event can
 * beat: until then frames wait, in order. A stream more than `maxBufferedBytes` behind ends.
 */
export function eventStreamSink(res: ServerResponse, maxBufferedBytes: number): SubscriberSink {
  let waiting: Buffer[] | undefined;
  const send = (frame: Buffer) => {
    if (res.destroyed || res.writableEnded) return;
    if (res.writableLength + frame.length > maxBufferedBytes) {
      res.destroy();
      return;
    }
    res.write(frame);
  };
  const flush = () => {
    if (res.destroyed || res.writableEnded) waiting = undefined;
    else if (!res.headersSent) setImmediate(flush);
    else {
      const frames = waiting ?? [];
      waiting = undefined;
      frames.forEach(send);
    }
  };
  return {
    write(result) {
      const frame = result.framed(SSE_FRAME, (json) => `event: next\ndata: ${json}\n\n`);
      if (res.headersSent && !waiting) return send(frame);
      if (!waiting) {
        waiting = [];
        setImmediate(flush);
      }
      waiting.push(frame);
    },
  };
}
