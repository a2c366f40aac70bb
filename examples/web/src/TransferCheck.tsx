import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError, gatewayErrors } from './errors';
import { money } from './format';
import type { TransferDeclineReason, ValidateTransferMutation as ValidateTransferResult } from './gql/graphql';
import { UpdateLegalNameMutation, ValidateTransferMutation } from './operations';

export interface AccountChoice {
  id: string;
  name: string;
  mask?: string | null;
  subtype?: string | null;
  institutionName?: string | null;
}

/**
 * Plaid's sandbox account owner. A profile with no legal name yet is offered this one, so the
 * untouched form matches the sandbox bank's owner; the field says whose name it is.
 */
const SANDBOX_OWNER_NAME = 'Alberta Bobbeth Charleson';

/** ACH debits leave checking accounts first, then savings; a CD or a money market account is not eligible. */
const SUBTYPE_ORDER = ['checking', 'savings'];

function eligibleFirst(accounts: AccountChoice[]): AccountChoice[] {
  const rank = (account: AccountChoice) => {
    const at = SUBTYPE_ORDER.indexOf(account.subtype ?? '');
    return at < 0 ? SUBTYPE_ORDER.length : at;
  };
  // Array.prototype.sort is stable: within a rank, the Items' own order stays.
  return [...accounts].sort((a, b) => rank(a) - rank(b));
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

interface Props {
  accounts: AccountChoice[];
  /** The profile's legal name; null when it has none yet, undefined while it loads. */
  profileLegalName: string | null | undefined;
}

/**
 * validateTransfer: the gateway checks balance, ACH numbers and identity, and says why not. It
 * starts on a checking account and on the profile's legal name, so the untouched form is one
 * that can be approved.
 */
export function TransferCheck({ accounts, profileLegalName }: Props) {
  const ordered = eligibleFirst(accounts);
  const [accountId, setAccountId] = useState('');
  const [amount, setAmount] = useState('25.00');
  // null: not edited, so the field shows the profile's name (or the sandbox owner's when it has none).
  const [editedName, setEditedName] = useState<string | null>(null);
  const legalName = editedName ?? profileLegalName ?? SANDBOX_OWNER_NAME;
  const [, updateLegalName] = useMutation(UpdateLegalNameMutation);
  const [checked, validateTransfer] = useMutation(ValidateTransferMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const [decision, setDecision] = useState<ValidateTransferResult['validateTransfer'] | null>(null);
  const chosen = accountId || ordered[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDecision(null);
    // The check matches the profile's name: save the one shown first, when it differs (empty clears it).
    const wanted = legalName.trim() || null;
    if (wanted !== (profileLegalName ?? null)) {
      const updated = await updateLegalName({ legalName: wanted });
      if (updated.error) return setProblem(gatewayErrors(updated.error).map(describeError).join('; '));
    }
    // The amount as typed, an exact Decimal: the gateway refuses what is not a plain decimal number.
    const answer = await validateTransfer({ input: { accountId: chosen, exactAmount: amount.trim() } });
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
            {ordered.map((account) => (
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
          Your legal name (your profile's; saved there when you change it)
          <input value={legalName} onChange={(event) => setEditedName(event.target.value)} disabled={profileLegalName === undefined} />
        </label>
        <p className="hint" data-testid="legal-name-source">
          {profileLegalName === undefined
            ? 'Reading your profile…'
            : profileLegalName === null
              ? `Your profile has no legal name yet: offered is the sandbox account owner's, saved to your profile when you check.`
              : legalName.trim() === profileLegalName
                ? 'As saved in your profile.'
                : 'Saved to your profile when you check.'}
        </p>
        <button type="submit" disabled={!chosen || checked.fetching || profileLegalName === undefined}>
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
          <strong>{decision.approved ? 'Approved' : 'Declined'}</strong> for{' '}
          {money(decision.requestedMoney.amount, decision.requestedMoney.currencyCode)}
          {decision.availableBalanceMoney && (
            <> (available {money(decision.availableBalanceMoney.amount, decision.availableBalanceMoney.currencyCode)})</>
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
