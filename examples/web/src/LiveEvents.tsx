import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { describeError, gatewayErrors } from './errors';
import { when } from './format';
import type { ItemStatusChangedSubscription as StatusEvent, TransactionsSyncedSubscription as SyncEvent } from './gql/graphql';
import { loadLiveHistory, MAX_LIVE_LINES, saveLiveHistory, type LiveHistory, type LiveLine, type LiveTopic } from './live-history';
import { ItemStatusChangedSubscription, TransactionsSyncedSubscription } from './operations';

function statusLine(event: StatusEvent['itemStatusChanged']): LiveLine {
  const reason = event.reason ? ` (${event.reason})` : '';
  const text = `${event.item.institutionName ?? 'A bank'}: ${event.previousStatus ?? '—'} → ${event.status}${reason}`;
  return { cursor: event.cursor, at: event.occurredAt, text };
}

function syncLine(event: SyncEvent['transactionsSynced']): LiveLine {
  const text = `${event.item.institutionName ?? 'A bank'}: sync added ${event.added}, modified ${event.modified}, removed ${event.removed}`;
  return { cursor: event.cursor, at: event.syncedAt, text };
}

/**
 * Two subscriptions over graphql-ws: every event lands in the list and refreshes the page. The
 * list and each subscription's last cursor are kept per user in localStorage; after a reload
 * each subscription starts again with `after: <that cursor>`, and the gateway first replays the
 * events the page missed while it was away.
 */
export function LiveEvents({ userId, onEvent }: { userId: string; onEvent: () => void }) {
  const client = useClient();
  const [history, setHistory] = useState<LiveHistory>(() => loadLiveHistory(userId));
  // Where the subscriptions start: read once, so a new event does not restart them (client.ts
  // keeps the latest cursor in the socket's payload for reconnects).
  const [resumeFrom, setResumeFrom] = useState(() => history.cursors);
  const [resumed] = useState(() => Object.keys(history.cursors).length > 0);
  const [notice, setNotice] = useState<string | null>(null);

  // The latest callback, without restarting the subscriptions when the page hands a new one.
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => saveLiveHistory(userId, history), [userId, history]);

  useEffect(() => {
    const add = (topic: LiveTopic, line: LiveLine) => {
      setHistory((previous) =>
        previous.lines.some((shown) => shown.cursor === line.cursor)
          ? previous
          : { lines: [line, ...previous.lines].slice(0, MAX_LIVE_LINES), cursors: { ...previous.cursors, [topic]: line.cursor } },
      );
      onEventRef.current();
    };
    // A cursor the gateway no longer keeps events for (CURSOR_EXPIRED), or one it does not know
    // (BAD_USER_INPUT: another database since): start afresh from now.
    const refused = (topic: LiveTopic, error: Parameters<typeof gatewayErrors>[0]) => {
      const errors = gatewayErrors(error);
      if (!resumeFrom[topic] || !errors.some(({ code }) => code === 'CURSOR_EXPIRED' || code === 'BAD_USER_INPUT')) {
        setNotice(errors.map(describeError).join('; '));
        return;
      }
      setNotice('The last cursor this browser kept could not be resumed (too old, or from another database): listening from now.');
      setHistory({ lines: [], cursors: {} });
      setResumeFrom({});
    };
    const statuses = client
      .subscription(ItemStatusChangedSubscription, { after: resumeFrom.itemStatusChanged ?? null })
      .subscribe((result) => {
        if (result.data) add('itemStatusChanged', statusLine(result.data.itemStatusChanged));
        else if (result.error) refused('itemStatusChanged', result.error);
      });
    const syncs = client
      .subscription(TransactionsSyncedSubscription, { after: resumeFrom.transactionsSynced ?? null })
      .subscribe((result) => {
        if (result.data) add('transactionsSynced', syncLine(result.data.transactionsSynced));
        else if (result.error) refused('transactionsSynced', result.error);
      });
    return () => {
      statuses.unsubscribe();
      syncs.unsubscribe();
    };
  }, [client, resumeFrom]);

  return (
    <section aria-labelledby="live-heading" className="card">
      <h2 id="live-heading">Live</h2>
      {(notice || resumed) && (
        <p className="hint" data-testid="live-notice">
          {notice ?? (
            <>
              Resumed after the last event this browser saw: its cursor, kept in localStorage, went back as <code>after</code>, so events
              missed meanwhile are replayed first.
            </>
          )}
        </p>
      )}
      {history.lines.length === 0 && <p className="hint">Waiting for events (syncs, status changes)…</p>}
      <ol className="events" data-testid="events">
        {history.lines.map((line) => (
          <li key={line.cursor}>
            <span className="hint">{when(line.at)}</span> {line.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
