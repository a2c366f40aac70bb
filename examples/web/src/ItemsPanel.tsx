import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import { describeError, gatewayErrors, type GatewayError } from './errors';
import { money, when } from './format';
import type { ItemsQuery as ItemsResult, RealtimeBalancesQuery as RealtimeBalancesResult } from './gql/graphql';
import { itemMessage } from './item-message';
import { openLink } from './link';
import {
  CompleteRelinkMutation,
  CreateLinkTokenMutation,
  CreateRelinkTokenMutation,
  ExchangePublicTokenMutation,
  RealtimeBalancesQuery,
} from './operations';

export type Item = ItemsResult['items'][number];
type RealtimeBalance = RealtimeBalancesResult['balances'][number];

interface Props {
  items: Item[];
  loading: boolean;
  linkPageUrl: string | null;
  onChanged: () => void;
}

/** Connect a bank, then each Item with its status, its accounts and their balances. */
export function ItemsPanel({ items, loading, linkPageUrl, onChanged }: Props) {
  const [, createLinkToken] = useMutation(CreateLinkTokenMutation);
  const [, exchangePublicToken] = useMutation(ExchangePublicTokenMutation);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function connect() {
    setBusy(true);
    setProblem(null);
    try {
      // Link tokens are single use: ask for a fresh one every time.
      const created = await createLinkToken({});
      if (!created.data) throw new Error(gatewayErrors(created.error).map(describeError).join('; '));
      const linked = await openLink(created.data.createLinkToken.linkToken, linkPageUrl);
      if (!linked) return;
      const exchanged = await exchangePublicToken({
        input: { publicToken: linked.publicToken, institutionId: linked.institutionId, institutionName: linked.institutionName },
      });
      if (!exchanged.data) throw new Error(gatewayErrors(exchanged.error).map(describeError).join('; '));
      onChanged();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="items-heading">
      <div className="section-head">
        <h2 id="items-heading">Banks</h2>
        <button type="button" onClick={connect} disabled={busy}>
          {busy ? 'Connecting…' : 'Connect a bank'}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {loading && <p>Loading…</p>}
      {!loading && items.length === 0 && <p className="hint">No bank yet: connect one (sandbox user user_good, password pass_good).</p>}
      {items.map((item) => (
        <ItemCard key={item.id} item={item} linkPageUrl={linkPageUrl} onChanged={onChanged} />
      ))}
    </section>
  );
}

function ItemCard({ item, linkPageUrl, onChanged }: { item: Item; linkPageUrl: string | null; onChanged: () => void }) {
  const client = useClient();
  const [, createRelinkToken] = useMutation(CreateRelinkTokenMutation);
  const [, completeRelink] = useMutation(CompleteRelinkMutation);
  const [refreshing, setRefreshing] = useState(false);
  const [balanceErrors, setBalanceErrors] = useState<GatewayError[]>([]);
  const [realtime, setRealtime] = useState<Map<string, RealtimeBalance>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const message = itemMessage(item);

  async function refreshBalances() {
    setRefreshing(true);
    const answer = await client
      .query(RealtimeBalancesQuery, { accountIds: item.accounts.map((account) => account.id) }, { requestPolicy: 'network-only' })
      .toPromise();
    // Partial answers are normal: a rate-limited Item fails while the others still answer.
    setBalanceErrors(gatewayErrors(answer.error));
    setRealtime(new Map((answer.data?.balances ?? []).map((balance) => [balance.accountId, balance])));
    setRefreshing(false);
  }

  async function reconnect() {
    setProblem(null);
    try {
      const created = await createRelinkToken({ itemId: item.id });
      if (!created.data) throw new Error(gatewayErrors(created.error).map(describeError).join('; '));
      // Update mode: the same Link, for the same Item; no public token to exchange afterwards.
      const linked = await openLink(created.data.createRelinkToken.linkToken, linkPageUrl);
      if (!linked) return;
      const completed = await completeRelink({ itemId: item.id });
      if (!completed.data) throw new Error(gatewayErrors(completed.error).map(describeError).join('; '));
      onChanged();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <article className="card" data-testid="item" data-item-id={item.id}>
      <div className="section-head">
        <h3>{item.institutionName ?? 'Bank'}</h3>
        <span className={`status status-${item.status.toLowerCase()}`} data-testid="item-status">
          {item.status}
        </span>
      </div>
      <p className="hint">Last synced {when(item.lastSyncedAt)}</p>
      {message && (
        <p className="error" data-testid="item-message">
          {message}
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        {item.status === 'LOGIN_REQUIRED' && (
          <button type="button" onClick={reconnect}>
            Reconnect
          </button>
        )}
        <button type="button" className="secondary" onClick={refreshBalances} disabled={refreshing}>
          {refreshing ? 'Asking the bank…' : 'Refresh balances now'}
        </button>
      </div>
      {balanceErrors.map((error) => (
        <p key={error.code + error.message} className="error" role="alert" data-testid="balance-error">
          {describeError(error)}
        </p>
      ))}
      <table className="cards accounts">
        <thead>
          <tr>
            <th>Account</th>
            <th>Type</th>
            <th className="number">Current</th>
            <th className="number">Available</th>
            <th>As of</th>
          </tr>
        </thead>
        <tbody>
          {item.accounts.map((account) => {
            const fresh = realtime.get(account.id);
            const balance = fresh ?? account.balance;
            return (
              <tr key={account.id} data-testid="account">
                <td className="lead">
                  {account.name} {account.mask && <span className="hint">••{account.mask}</span>}
                </td>
                <td data-label="Type">{account.subtype ?? account.type.toLowerCase()}</td>
                <td className="number" data-label="Current">
                  {money(balance.currentMoney?.amount, balance.currentMoney?.currencyCode)}
                </td>
                <td className="number" data-label="Available">
                  {money(balance.availableMoney?.amount, balance.availableMoney?.currencyCode)}
                </td>
                <td data-label="As of">
                  {when(balance.lastUpdatedAt)} {fresh && <span className="badge">real-time</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
