import { createGatewayPubSub } from '../../../src/pubsub/gateway-pubsub';
import type { EventStreamRepository, StreamRow } from '../../../src/repositories/event-stream.repository';
import { EventReplayService } from '../../../src/services/event-replay.service';
import type { EventOutbox } from '../../../src/services/event-outbox';
import { encodeStreamCursor } from '../../../src/services/stream-cursor';

const STREAM_KEY = '5f0c4a3e-3b1e-4c5e-9f1a-2f1d3c4b5a69';
const event = (sequence: number) => ({ sequence, item: { id: 'item-1' } });

/** A stream whose retention prunes up to `prunedAfterFirstPage` once the first page was read. */
function replayWith(prunedAfterFirstPage: number) {
  const stream: StreamRow = { streamKey: STREAM_KEY, lastSequence: 100, prunedThrough: 0 };
  let pagesRead = 0;
  const outbox = {
    missed: async (_userId: string, _topic: string, after: number, _itemId: string | null, limit: number) => {
      pagesRead += 1;
      if (pagesRead === 2) stream.prunedThrough = prunedAfterFirstPage;
      return Array.from({ length: limit }, (_, i) => event(after + i + 1)).filter((e) => e.sequence > stream.prunedThrough);
    },
  } as unknown as EventOutbox;
  const streams = { streamOf: async () => ({ ...stream }) } as unknown as EventStreamRepository;
  return new EventReplayService({ streams, outbox, pubSub: createGatewayPubSub(), pageSize: 3 });
}

describe('EventReplayService: a replay read a page at a time', () => {
  it('ends with CURSOR_EXPIRED when retention prunes past its position between pages, instead of skipping events', async () => {
    const replay = await replayWith(8).resume('user-1', 'ITEM_STATUS_CHANGED', encodeStreamCursor({ streamKey: STREAM_KEY, sequence: 1 }));
    const seen: number[] = [];
    await expect(
      (async () => {
        for (let i = 0; i < 3; i += 1) seen.push(((await replay.next()).value as { sequence: number }).sequence);
        await replay.next();
      })(),
    ).rejects.toMatchObject({ code: 'CURSOR_EXPIRED' });
    expect(seen).toEqual([2, 3, 4]);
    await replay.return?.();
  });

  it('goes on when what retention pruned is behind its position', async () => {
    const replay = await replayWith(4).resume('user-1', 'ITEM_STATUS_CHANGED', encodeStreamCursor({ streamKey: STREAM_KEY, sequence: 1 }));
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) seen.push(((await replay.next()).value as { sequence: number }).sequence);
    expect(seen).toEqual([2, 3, 4, 5, 6, 7]);
    await replay.return?.();
  });
});
