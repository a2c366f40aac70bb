import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider, useQuery, type Client } from 'urql';
import { createGatewayClient } from './client';
import { describeError, gatewayErrors } from './errors';
import { ItemsPanel } from './ItemsPanel';
import { LiveEvents } from './LiveEvents';
import { ItemsQuery, MeQuery } from './operations';
import { RecurringPanel } from './RecurringPanel';
import { SandboxPanel } from './SandboxPanel';
import { loadSession, type Session } from './session';
import { SpendingPanel } from './SpendingPanel';
import { TransactionsPanel } from './TransactionsPanel';
import { TransferCheck } from './TransferCheck';

/** How long a reload waits for the rest of a burst of live events. */
const RELOAD_BURST_MS = 250;

export function App() {
  const [session, setSession] = useState<{ session: Session; client: Client } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadSession().then(
      (loaded) => setSession({ session: loaded, client: createGatewayClient(loaded.token) }),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  if (failure)
    return (
      <p className="error" role="alert">
        {failure}
      </p>
    );
  if (!session) return <p>Loading…</p>;
  return (
    <Provider value={session.client}>
      <Dashboard session={session.session} />
    </Provider>
  );
}

function Dashboard({ session }: { session: Session }) {
  const [items, refetchItems] = useQuery({ query: ItemsQuery });
  const [me] = useQuery({ query: MeQuery });
  // Bumped by every live event, so lists that page by cursor start again from the top.
  const [revision, setRevision] = useState(0);
  // Bumped by an annotation too: sums leave hidden transactions out and group by the user's category.
  const [sumsRevision, setSumsRevision] = useState(0);
  // Events come in bursts (a resumed subscription first replays what it missed): one reload
  // per burst, not four operations per event, which would spend the user's rate limit.
  const pendingReload = useRef<number | undefined>(undefined);
  const reload = useMemo(
    () => () => {
      if (pendingReload.current !== undefined) return;
      pendingReload.current = window.setTimeout(() => {
        pendingReload.current = undefined;
        refetchItems({ requestPolicy: 'network-only' });
        setRevision((value) => value + 1);
        setSumsRevision((value) => value + 1);
      }, RELOAD_BURST_MS);
    },
    [refetchItems],
  );
  useEffect(() => () => window.clearTimeout(pendingReload.current), []);
  const loaded = items.data?.items ?? [];
  // ACH transfers leave checking and savings accounts only.
  const transferable = loaded.flatMap((item) =>
    item.accounts
      .filter((account) => account.type === 'DEPOSITORY')
      .map((account) => ({ ...account, institutionName: item.institutionName })),
  );
  // undefined while it loads; a profile that failed to load counts as empty, so the form still works.
  const legalName = me.data ? (me.data.me.profile?.legalName ?? null) : me.error ? null : undefined;

  return (
    <div className="page">
      <header>
        <h1>Your banks</h1>
        <p className="hint">The reference web app of the Plaid GraphQL gateway: every figure here comes from its public GraphQL API.</p>
      </header>
      {[...gatewayErrors(items.error), ...gatewayErrors(me.error)].map((error) => (
        <p key={error.code + error.message} className="error" role="alert">
          {describeError(error)}
        </p>
      ))}
      <div className="columns">
        <main>
          <ItemsPanel items={loaded} loading={items.fetching && !items.data} linkPageUrl={session.linkPageUrl} onChanged={reload} />
          <SpendingPanel items={loaded} revision={sumsRevision} />
          <TransactionsPanel items={loaded} revision={revision} onAnnotated={() => setSumsRevision((value) => value + 1)} />
        </main>
        <aside>
          {me.data && <LiveEvents userId={me.data.me.id} onEvent={reload} />}
          <RecurringPanel revision={revision} />
          <TransferCheck accounts={transferable} profileLegalName={legalName} />
          <SandboxPanel items={loaded} onChanged={reload} />
        </aside>
      </div>
    </div>
  );
}
