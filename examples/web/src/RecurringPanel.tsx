import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { shownAmount } from './amount-sign';
import { describeError, gatewayErrors } from './errors';
import { categoryLabel, isPositive, money } from './format';
import type { FlowDirection, RecurringFrequency, RecurringStreamsQuery as RecurringStreamsResult } from './gql/graphql';
import { RecurringStreamsQuery } from './operations';

type Stream = RecurringStreamsResult['recurringStreams'][number];

const FREQUENCY_TEXT: Record<RecurringFrequency, string> = {
  WEEKLY: 'every week',
  BIWEEKLY: 'every two weeks',
  SEMI_MONTHLY: 'twice a month',
  MONTHLY: 'every month',
  ANNUALLY: 'every year',
  UNKNOWN: 'irregularly',
};

/** Bumped when transactions change: the gateway refreshes streams after a sync. */
export function RecurringPanel({ revision }: { revision: number }) {
  const [direction, setDirection] = useState<FlowDirection | ''>('');
  const [answer, reexecute] = useQuery({
    query: RecurringStreamsQuery,
    variables: { direction: direction || null },
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    if (revision > 0) reexecute({ requestPolicy: 'network-only' });
  }, [revision, reexecute]);
  const streams = answer.data?.recurringStreams;

  return (
    <section aria-labelledby="recurring-heading" className="card">
      <div className="section-head">
        <h2 id="recurring-heading">Recurring</h2>
        <label className="inline">
          Show
          <select value={direction} onChange={(event) => setDirection(event.target.value as FlowDirection | '')}>
            <option value="">In and out</option>
            <option value="INFLOW">Money in</option>
            <option value="OUTFLOW">Money out</option>
          </select>
        </label>
      </div>
      <p className="hint">Salary, rent, subscriptions: series of transactions Plaid found repeating, active ones first.</p>
      {gatewayErrors(answer.error).map((error) => (
        <p key={error.code + error.message} className="error" role="alert">
          {describeError(error)}
        </p>
      ))}
      {answer.fetching && !streams && <p>Loading…</p>}
      {streams?.length === 0 && <p className="hint">No recurring transactions found yet.</p>}
      <ul className="streams">
        {streams?.map((stream) => (
          <StreamCard key={stream.id} stream={stream} />
        ))}
      </ul>
    </section>
  );
}

function StreamCard({ stream }: { stream: Stream }) {
  const average = shownAmount(stream.averageAmount.amount);
  const last = shownAmount(stream.lastAmount.amount);
  const transactions = stream.transactions.edges.map((edge) => edge.node);
  return (
    <li className={`stream ${stream.isActive ? '' : 'inactive'}`} data-testid="recurring-stream" data-stream-id={stream.id}>
      <div className="section-head">
        <strong data-testid="stream-description">{stream.merchantName ?? stream.description}</strong>
        <span className={`number ${isPositive(average) ? 'income' : ''}`} data-testid="stream-average">
          {money(average, stream.averageAmount.currencyCode)}
        </span>
      </div>
      <p className="stream-meta">
        <span data-testid="stream-frequency">{FREQUENCY_TEXT[stream.frequency]}</span> · {stream.account.item.institutionName ?? 'Bank'}{' '}
        {stream.account.name}
        {stream.category && <> · {categoryLabel(stream.category)}</>}
        {!stream.isActive && <span className="badge muted">ended</span>}
        {stream.status === 'EARLY_DETECTION' && <span className="badge">new</span>}
      </p>
      <p className="stream-meta">
        Last {money(last, stream.lastAmount.currencyCode)} on {stream.lastDate}
        {stream.predictedNextDate && (
          <>
            {' '}
            · next <span data-testid="stream-next-date">{stream.predictedNextDate}</span>
          </>
        )}
      </p>
      <details>
        <summary>
          {stream.transactions.totalCount} transaction{stream.transactions.totalCount === 1 ? '' : 's'}
          {stream.transactions.totalCount > transactions.length ? `, the last ${transactions.length}` : ''}
        </summary>
        <ul className="stream-transactions">
          {transactions.map((transaction) => {
            const amount = shownAmount(transaction.money.amount);
            return (
              <li key={transaction.id} data-testid="stream-transaction">
                <span className="stream-meta">{transaction.date}</span> {transaction.name}{' '}
                {transaction.pending && <span className="badge">pending</span>}
                <span className={`number ${isPositive(amount) ? 'income' : ''}`}>{money(amount, transaction.money.currencyCode)}</span>
              </li>
            );
          })}
        </ul>
      </details>
    </li>
  );
}
