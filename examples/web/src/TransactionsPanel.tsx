import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { AMOUNT_SIGN_NOTE, apiAmount, shownAmount } from './amount-sign';
import { describeError, gatewayErrors } from './errors';
import { money } from './format';
import type { TransactionFilter, TransactionsQuery as TransactionsResult } from './gql/graphql';
import { ItemOptions } from './ItemOptions';
import type { Item } from './ItemsPanel';
import { TransactionsQuery } from './operations';

type Transaction = TransactionsResult['transactions']['edges'][number]['node'];

const PAGE_SIZE = 25;

interface Filters {
  itemId: string;
  search: string;
  pending: '' | 'true' | 'false';
  from: string;
  to: string;
  /** In the app's sign, as the table shows amounts (amount-sign.ts). */
  minAmount: string;
  maxAmount: string;
}

const NO_FILTERS: Filters = { itemId: '', search: '', pending: '', from: '', to: '', minAmount: '', maxAmount: '' };

/** The filter in the API's terms: Min and Max are typed in the sign shown, so they swap and turn for Plaid's. */
function toFilter(filters: Filters): TransactionFilter {
  return {
    itemId: filters.itemId || undefined,
    search: filters.search.trim() || undefined,
    pending: filters.pending === '' ? undefined : filters.pending === 'true',
    from: filters.from || undefined,
    to: filters.to || undefined,
    minAmount: apiAmount(filters.maxAmount),
    maxAmount: apiAmount(filters.minAmount),
  };
}

/** Newest first, filtered on the server, one keyset page after another as the list scrolls. */
export function TransactionsPanel({ items, revision }: { items: Item[]; revision: number }) {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<Transaction[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  // Answers for an older filter (or revision) are dropped: only the latest request counts.
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const mine = after === null ? ++generation.current : generation.current;
      setLoading(true);
      const answer = await client
        .query(TransactionsQuery, { filter: toFilter(filters), first: PAGE_SIZE, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (mine !== generation.current) return;
      setLoading(false);
      if (!answer.data) {
        setProblem(gatewayErrors(answer.error).map(describeError).join('; '));
        return;
      }
      setProblem(null);
      const page = answer.data.transactions;
      setRows((previous) => [...(after === null ? [] : previous), ...page.edges.map((edge) => edge.node)]);
      setTotal(page.totalCount);
      setCursor(page.pageInfo.endCursor ?? null);
      setHasMore(page.pageInfo.hasNextPage);
    },
    [client, filters],
  );

  useEffect(() => {
    void load(null);
  }, [load, revision, items.length]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !loading) void load(cursor);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [cursor, hasMore, loading, load]);

  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((previous) => ({ ...previous, [name]: event.target.value }));

  return (
    <section aria-labelledby="transactions-heading">
      <div className="section-head">
        <h2 id="transactions-heading">Transactions</h2>
        <span className="hint" data-testid="transactions-count">
          {total === null ? '' : `${rows.length} of ${total}`}
        </span>
      </div>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Bank
          <select value={filters.itemId} onChange={set('itemId')}>
            <option value="">All</option>
            <ItemOptions items={items} />
          </select>
        </label>
        <label>
          Search
          <input type="search" value={filters.search} onChange={set('search')} placeholder="name or merchant" />
        </label>
        <label>
          State
          <select value={filters.pending} onChange={set('pending')}>
            <option value="">Any</option>
            <option value="true">Pending</option>
            <option value="false">Posted</option>
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={set('to')} />
        </label>
        <label>
          Min
          <input type="number" step="0.01" value={filters.minAmount} onChange={set('minAmount')} />
        </label>
        <label>
          Max
          <input type="number" step="0.01" value={filters.maxAmount} onChange={set('maxAmount')} />
        </label>
      </form>
      <p className="hint" data-testid="amount-sign">
        {AMOUNT_SIGN_NOTE} Min and Max filter in the same sign.
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <table className="cards transactions">
        <thead>
          <tr>
            <th>Date</th>
            <th>Description</th>
            <th>Account</th>
            <th>Category</th>
            <th className="number">Amount</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const amount = shownAmount(row.amount);
            return (
              <tr key={row.id} data-testid="transaction">
                <td className="meta">{row.date}</td>
                <td className="lead">
                  {row.merchantName ?? row.name} {row.pending && <span className="badge">pending</span>}
                </td>
                <td className="meta">{row.account.name}</td>
                <td className="meta category">{row.category?.toLowerCase().replace(/_/g, ' ') ?? ''}</td>
                <td className={`number amount ${amount > 0 ? 'income' : ''}`} data-testid="transaction-amount">
                  {money(amount, row.isoCurrencyCode)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div ref={sentinel} className="sentinel">
        {loading ? (
          'Loading…'
        ) : hasMore ? (
          <button type="button" className="secondary" onClick={() => void load(cursor)}>
            Load more
          </button>
        ) : rows.length > 0 ? (
          'That is all.'
        ) : (
          'No transactions.'
        )}
      </div>
    </section>
  );
}
