import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { shownAmount } from './amount-sign';
import { describeError, gatewayErrors } from './errors';
import { categoryLabel, isPositive, money } from './format';
import type { SpendingGrouping, SpendingQuery as SpendingResult } from './gql/graphql';
import type { Item } from './ItemsPanel';
import { monthAround } from './month';
import { SpendingQuery } from './operations';

type Group = SpendingResult['spending']['groups'][number];

const GROUPINGS: Array<{ value: SpendingGrouping; label: string }> = [
  { value: 'CATEGORY', label: 'Category' },
  { value: 'MERCHANT', label: 'Merchant' },
  { value: 'MONTH', label: 'Month' },
  { value: 'ACCOUNT', label: 'Account' },
];

interface Props {
  items: Item[];
  /** Bumped when transactions or their annotations change: the sums are read again. */
  revision: number;
}

/**
 * Spending from..to (the current month by the browser's clock, until changed), summed by the
 * gateway exactly, one table per currency: amounts of different currencies are never added.
 */
export function SpendingPanel({ items, revision }: Props) {
  const [range, setRange] = useState(() => monthAround(new Date()));
  const [groupBy, setGroupBy] = useState<SpendingGrouping>('CATEGORY');
  const [answer, reexecute] = useQuery({
    query: SpendingQuery,
    variables: { ...range, groupBy },
    requestPolicy: 'network-only',
    pause: !range.from || !range.to,
  });
  useEffect(() => {
    if (revision > 0) reexecute({ requestPolicy: 'network-only' });
  }, [revision, reexecute]);
  const accountNames = new Map(items.flatMap((item) => item.accounts.map((account) => [account.id, account.name])));
  const keyLabel = (group: Group) =>
    groupBy === 'CATEGORY'
      ? categoryLabel(group.key) || 'uncategorised'
      : groupBy === 'ACCOUNT'
        ? (accountNames.get(group.key) ?? group.key)
        : group.key;
  const spending = answer.data?.spending;
  const currencies = spending?.totals.map((total) => total.currencyCode) ?? [];

  return (
    <section aria-labelledby="spending-heading" className="card">
      <h2 id="spending-heading">Spending</h2>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input type="date" value={range.from} onChange={(event) => setRange({ ...range, from: event.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={range.to} onChange={(event) => setRange({ ...range, to: event.target.value })} />
        </label>
        <label>
          By
          <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as SpendingGrouping)}>
            {GROUPINGS.map((grouping) => (
              <option key={grouping.value} value={grouping.value}>
                {grouping.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="hint">Hidden transactions are left out; pending ones count. Net is money in minus money out.</p>
      {gatewayErrors(answer.error).map((error) => (
        <p key={error.code + error.message} className="error" role="alert">
          {describeError(error)}
        </p>
      ))}
      {answer.fetching && !spending && <p>Loading…</p>}
      {spending && currencies.length === 0 && <p className="hint">Nothing in these dates.</p>}
      {currencies.map((currency) => {
        const total = spending!.totals.find((candidate) => candidate.currencyCode === currency)!;
        return (
          <table key={currency} className="cards spending" data-testid="spending" data-currency={currency}>
            <caption>{currency}</caption>
            <thead>
              <tr>
                <th>{GROUPINGS.find((grouping) => grouping.value === groupBy)!.label}</th>
                <th className="number">Spent</th>
                <th className="number">Received</th>
                <th className="number">Net</th>
                <th className="number">Count</th>
              </tr>
            </thead>
            <tbody>
              {spending!.groups
                .filter((group) => group.currencyCode === currency)
                .map((group) => (
                  <SpendingRow key={group.key} label={keyLabel(group)} dataKey={group.key} group={group} testId="spending-group" />
                ))}
            </tbody>
            <tfoot>
              <SpendingRow label="Total" dataKey="" group={total} testId="spending-total" />
            </tfoot>
          </table>
        );
      })}
    </section>
  );
}

interface RowProps {
  label: string;
  /** The group's key as the API gave it. */
  dataKey: string;
  group: Omit<Group, 'key'>;
  testId: string;
}

function SpendingRow({ label, dataKey, group, testId }: RowProps) {
  // net is outflow - inflow in Plaid's sign; the app shows money in as positive.
  const net = shownAmount(group.net);
  return (
    <tr data-testid={testId} data-key={dataKey}>
      <td className="lead">{label}</td>
      <td className="number" data-label="Spent" data-testid="spending-outflow">
        {money(group.outflow, group.currencyCode)}
      </td>
      <td className="number" data-label="Received">
        {money(group.inflow, group.currencyCode)}
      </td>
      <td className={`number net ${isPositive(net) ? 'income' : ''}`} data-label="Net">
        {money(net, group.currencyCode)}
      </td>
      <td className="number" data-label="Count">
        {group.transactionCount}
      </td>
    </tr>
  );
}
