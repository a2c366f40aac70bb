import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { AMOUNT_SIGN_NOTE, apiAmount, shownAmount } from './amount-sign';
import { AnnotationEditor } from './AnnotationEditor';
import { describeError, gatewayErrors } from './errors';
import { categoryLabel, isPositive, money } from './format';
import type { TransactionFilter, TransactionRowFragment as Transaction } from './gql/graphql';
import { ItemOptions } from './ItemOptions';
import type { Item } from './ItemsPanel';
import { TransactionsQuery } from './operations';

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
  tag: string;
  hidden: '' | 'true' | 'false';
}

const NO_FILTERS: Filters = { itemId: '', search: '', pending: '', from: '', to: '', minAmount: '', maxAmount: '', tag: '', hidden: '' };

/** The filter in the API's terms: Min and Max are typed in the sign shown, so they swap and turn for Plaid's. */
function toFilter(filters: Filters): TransactionFilter {
  return {
    itemId: filters.itemId || undefined,
    search: filters.search.trim() || undefined,
    pending: filters.pending === '' ? undefined : filters.pending === 'true',
    from: filters.from || undefined,
    to: filters.to || undefined,
    minExactAmount: apiAmount(filters.maxAmount),
    maxExactAmount: apiAmount(filters.minAmount),
    tags: filters.tag.trim() ? [filters.tag.trim()] : undefined,
    hidden: filters.hidden === '' ? undefined : filters.hidden === 'true',
  };
}

interface Props {
  items: Item[];
  revision: number;
  /** A transaction's annotation changed: views that sum transactions read again. */
  onAnnotated: () => void;
}

/**
 * Newest first, filtered on the server, one keyset page after another as the list scrolls;
 * each row opens the editor of the user's own notes on it.
 */
export function TransactionsPanel({ items, revision, onAnnotated }: Props) {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<Transaction[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
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

  function saved(transaction: Transaction) {
    setRows((previous) => previous.map((row) => (row.id === transaction.id ? transaction : row)));
    setEditing(null);
    onAnnotated();
  }

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
        <label>
          Tag
          <input value={filters.tag} onChange={set('tag')} />
        </label>
        <label>
          Hidden
          <select value={filters.hidden} onChange={set('hidden')}>
            <option value="">Shown too</option>
            <option value="false">Not hidden</option>
            <option value="true">Only hidden</option>
          </select>
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
            <th>
              <span className="visually-hidden">Your notes</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const amount = shownAmount(row.money.amount);
            const annotation = row.annotation;
            const description = row.merchantName ?? row.name;
            return (
              <Fragment key={row.id}>
                <tr data-testid="transaction" data-transaction-id={row.id} className={annotation?.hidden ? 'hidden-row' : ''}>
                  <td className="meta">{row.date}</td>
                  <td className="lead">
                    {description} {row.pending && <span className="badge">pending</span>}
                    {annotation?.hidden && <span className="badge muted">hidden</span>}
                    {annotation?.tags.map((tag) => (
                      <span key={tag} className="badge tag" data-testid="transaction-tag">
                        #{tag}
                      </span>
                    ))}
                    {annotation?.note && (
                      <span className="note" data-testid="transaction-note">
                        {annotation.note}
                      </span>
                    )}
                  </td>
                  <td className="meta">{row.account.name}</td>
                  <td className="meta category" data-testid="transaction-category">
                    {categoryLabel(row.effectiveCategory)}
                    {annotation?.categoryOverride && <span className="hint"> (yours)</span>}
                  </td>
                  <td className={`number amount ${isPositive(amount) ? 'income' : ''}`} data-testid="transaction-amount">
                    {money(amount, row.money.currencyCode)}
                  </td>
                  <td className="annotate">
                    <button
                      type="button"
                      className="secondary small"
                      aria-expanded={editing === row.id}
                      aria-controls={`annotate-${row.id}`}
                      aria-label={`Edit your notes on ${description}`}
                      onClick={() => setEditing(editing === row.id ? null : row.id)}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
                {editing === row.id && (
                  <tr className="editor">
                    <td colSpan={6}>
                      <AnnotationEditor transaction={row} onSaved={saved} onClose={() => setEditing(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
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
