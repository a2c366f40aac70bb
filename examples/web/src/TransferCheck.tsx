import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError, gatewayErrors } from './errors';
import { money } from './format';
import type { TransferDeclineReason, ValidateTransferMutation as ValidateTransferResult } from './gql/graphql';
import { UpdateLegalNameMutation, ValidateTransferMutation } from './operations';

interface AccountChoice {
  id: string;
  name: string;
  mask?: string | null;
  institutionName?: string | null;
}

/** Why a transfer was declined, in words: the codes are the API's, the sentences the app's. */
const REASON_TEXT: Record<TransferDeclineReason, string> = {
  ACCOUNT_NOT_ELIGIBLE: 'This account cannot send ACH transfers.',
  BALANCE_UNAVAILABLE: 'The bank did not give a real-time balance; try again in a minute.',
  IDENTITY_MISMATCH: "The account owner's name does not match your profile's legal name.",
  INSUFFICIENT_FUNDS: 'The available balance is lower than the amount.',
  ITEM_LOGIN_REQUIRED: 'The bank needs you to log in again: use Reconnect.',
  ITEM_NOT_ACTIVE: 'The bank connection is not active.',
  NO_ACH_NUMBERS: 'The bank gave no account and routing numbers for this account.',
  PROFILE_INCOMPLETE: 'Your profile has no legal name to match against the account owner.',
};

/** validateTransfer: the gateway checks balance, ACH numbers and identity, and says why not. */
export function TransferCheck({ accounts }: { accounts: AccountChoice[] }) {
  const [accountId, setAccountId] = useState('');
  const [amount, setAmount] = useState('25.00');
  const [legalName, setLegalName] = useState('');
  const [, updateLegalName] = useMutation(UpdateLegalNameMutation);
  const [checked, validateTransfer] = useMutation(ValidateTransferMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const [decision, setDecision] = useState<ValidateTransferResult['validateTransfer'] | null>(null);
  const chosen = accountId || accounts[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDecision(null);
    if (legalName.trim()) {
      const updated = await updateLegalName({ legalName: legalName.trim() });
      if (updated.error) return setProblem(gatewayErrors(updated.error).map(describeError).join('; '));
    }
    const answer = await validateTransfer({ input: { accountId: chosen, amount: Number(amount) } });
    if (!answer.data) return setProblem(gatewayErrors(answer.error).map(describeError).join('; '));
    setDecision(answer.data.validateTransfer);
  }

  return (
    <section aria-labelledby="transfer-heading" className="card">
      <h2 id="transfer-heading">Transfer check</h2>
      <form onSubmit={submit} className="stack">
        <label>
          From account
          <select value={chosen} onChange={(event) => setAccountId(event.target.value)}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.institutionName} · {account.name} {account.mask ? `••${account.mask}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input type="number" min="0.01" step="0.01" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </label>
        <label>
          Your legal name (saved to your profile when given)
          <input value={legalName} onChange={(event) => setLegalName(event.target.value)} placeholder="Alberta Bobbeth Charleson" />
        </label>
        <button type="submit" disabled={!chosen || checked.fetching}>
          {checked.fetching ? 'Checking…' : 'Check transfer'}
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {decision && (
        <div className={`decision ${decision.approved ? 'approved' : 'declined'}`} data-testid="transfer-decision">
          <strong>{decision.approved ? 'Approved' : 'Declined'}</strong> for {money(decision.requestedAmount, decision.isoCurrencyCode)}
          {decision.availableBalance !== null && decision.availableBalance !== undefined && (
            <> (available {money(decision.availableBalance, decision.isoCurrencyCode)})</>
          )}
          {decision.identityMatch?.legalName !== null && decision.identityMatch?.legalName !== undefined && (
            <>; name match score {decision.identityMatch.legalName}</>
          )}
          <ul>
            {decision.reasons.map((reason) => (
              <li key={reason} data-testid="transfer-reason">
                <code>{reason}</code> {REASON_TEXT[reason]}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
