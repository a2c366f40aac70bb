/** One line of the Live list; `cursor` is the event's own, unique in the user's stream. */
export interface LiveLine {
  cursor: string;
  at: string;
  text: string;
}

/** The subscriptions the Live list follows, each resumed from the cursor of the last event it delivered. */
export type LiveTopic = 'itemStatusChanged' | 'transactionsSynced';

/**
 * What the Live list keeps in localStorage per user, so that a reload resumes where it was: the
 * lines shown, and per subscription the cursor of its last event, sent again as `after` so the
 * gateway replays whatever happened while the page was away (and nothing shown already).
 */
export interface LiveHistory {
  lines: LiveLine[];
  cursors: Partial<Record<LiveTopic, string>>;
}

export const MAX_LIVE_LINES = 20;

const key = (userId: string) => `plaid-gateway-demo:live:${userId}`;

export function loadLiveHistory(userId: string): LiveHistory {
  try {
    const stored = JSON.parse(localStorage.getItem(key(userId)) ?? 'null') as Partial<LiveHistory> | null;
    return { lines: Array.isArray(stored?.lines) ? stored.lines : [], cursors: stored?.cursors ?? {} };
  } catch {
    // Unreadable (edited by hand, or storage refused): start afresh, from now.
    return { lines: [], cursors: {} };
  }
}

export function saveLiveHistory(userId: string, history: LiveHistory): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(history));
  } catch {
    // Storage full or refused: the list still works, it only will not resume after a reload.
  }
}
