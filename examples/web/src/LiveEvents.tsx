import { useEffect, useState } from 'react';
import { useSubscription } from 'urql';
import { when } from './format';
import { ItemStatusChangedSubscription, TransactionsSyncedSubscription } from './operations';

interface Line {
  key: string;
  at: string;
  text: string;
}

/** Two subscriptions over graphql-ws: every event lands in the log and refreshes the page. */
export function LiveEvents({ onEvent }: { onEvent: () => void }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [status] = useSubscription({ query: ItemStatusChangedSubscription });
  const [synced] = useSubscription({ query: TransactionsSyncedSubscription });

  const statusEvent = status.data?.itemStatusChanged;
  useEffect(() => {
    if (!statusEvent) return;
    const text = `${statusEvent.item.institutionName ?? 'A bank'}: ${statusEvent.previousStatus ?? '—'} → ${statusEvent.status}${statusEvent.reason ? ` (${statusEvent.reason})` : ''}`;
    setLines((previous) =>
      [{ key: `s${statusEvent.occurredAt}${statusEvent.status}`, at: statusEvent.occurredAt, text }, ...previous].slice(0, 20),
    );
    onEvent();
  }, [statusEvent, onEvent]);

  const syncEvent = synced.data?.transactionsSynced;
  useEffect(() => {
    if (!syncEvent) return;
    const text = `${syncEvent.item.institutionName ?? 'A bank'}: sync added ${syncEvent.added}, modified ${syncEvent.modified}, removed ${syncEvent.removed}`;
    setLines((previous) => [{ key: `t${syncEvent.syncedAt}${syncEvent.item.id}`, at: syncEvent.syncedAt, text }, ...previous].slice(0, 20));
    onEvent();
  }, [syncEvent, onEvent]);

  return (
    <section aria-labelledby="live-heading" className="card">
      <h2 id="live-heading">Live</h2>
      {lines.length === 0 && <p className="hint">Waiting for events (syncs, status changes)…</p>}
      <ol className="events" data-testid="events">
        {lines.map((line) => (
          <li key={line.key}>
            <span className="hint">{when(line.at)}</span> {line.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
