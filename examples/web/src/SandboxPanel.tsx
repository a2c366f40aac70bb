import { useState } from 'react';
import { useMutation } from 'urql';
import { AMOUNT_SIGN_NOTE, apiAmount } from './amount-sign';
import { describeError, gatewayErrors } from './errors';
import { isZero } from './format';
import type { SandboxWebhookCode } from './gql/graphql';
import type { Item } from './ItemsPanel';
import {
  ExchangePublicTokenMutation,
  SandboxCreatePublicTokenMutation,
  SandboxCreateTransactionsMutation,
  SandboxFireWebhookMutation,
  SandboxResetLoginMutation,
  SyncItemMutation,
} from './operations';
import { DYNAMIC_SANDBOX_USER, dynamicItemIds, rememberDynamicItem } from './sandbox-items';

const WEBHOOK_CODES: SandboxWebhookCode[] = [
  'SYNC_UPDATES_AVAILABLE',
  'DEFAULT_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'PENDING_EXPIRATION',
  'PENDING_DISCONNECT',
  'USER_PERMISSION_REVOKED',
  'LOGIN_REPAIRED',
  'ERROR',
];

/** Another sandbox institution than Link's first one, so the test bank is not refused as the same accounts linked twice. */
const DYNAMIC_INSTITUTION_ID = 'ins_109509';

type Answer = { error?: Parameters<typeof gatewayErrors>[0] };

/** Drives every state of an Item without a bank (sandbox and emulator only; SANDBOX_ONLY in production). */
export function SandboxPanel({ items, onChanged }: { items: Item[]; onChanged: () => void }) {
  const [itemId, setItemId] = useState('');
  const [code, setCode] = useState<SandboxWebhookCode>('SYNC_UPDATES_AVAILABLE');
  const [amount, setAmount] = useState('-12.34');
  const [description, setDescription] = useState('Corner coffee');
  const [note, setNote] = useState<string | null>(null);
  const [dynamicIds, setDynamicIds] = useState(dynamicItemIds);
  const [, fireWebhook] = useMutation(SandboxFireWebhookMutation);
  const [, resetLogin] = useMutation(SandboxResetLoginMutation);
  const [, createTransactions] = useMutation(SandboxCreateTransactionsMutation);
  const [, syncItem] = useMutation(SyncItemMutation);
  const [, createPublicToken] = useMutation(SandboxCreatePublicTokenMutation);
  const [, exchangePublicToken] = useMutation(ExchangePublicTokenMutation);
  const dynamicItems = items.filter((item) => dynamicIds.has(item.id));
  // Until one is picked, a bank that takes new transactions, so that the prefilled "Add transaction" works.
  const chosen = items.find((item) => item.id === itemId) ?? dynamicItems[0] ?? items[0];
  const acceptsTransactions = chosen !== undefined && dynamicIds.has(chosen.id);

  async function run(label: string, action: () => Promise<Answer>) {
    setNote(`${label}…`);
    const answer = await action();
    const errors = gatewayErrors(answer.error);
    setNote(errors.length ? errors.map(describeError).join('; ') : `${label}: done`);
    onChanged();
  }

  /** A sandbox public token for the dynamic user, exchanged like Link's: the app knows this Item takes new transactions. */
  async function linkDynamicItem(): Promise<Answer> {
    const created = await createPublicToken({ input: { username: DYNAMIC_SANDBOX_USER, institutionId: DYNAMIC_INSTITUTION_ID } });
    if (!created.data) return created;
    const exchanged = await exchangePublicToken({ input: { publicToken: created.data.sandboxCreatePublicToken.publicToken } });
    if (!exchanged.data) return exchanged;
    const linkedId = exchanged.data.exchangePublicToken.id;
    setDynamicIds(rememberDynamicItem(linkedId));
    setItemId(linkedId);
    return exchanged;
  }

  async function addTransaction(value: number): Promise<Answer> {
    const today = new Date().toISOString().slice(0, 10);
    const created = await createTransactions({
      itemId: chosen.id,
      transactions: [{ amount: value, description, datePosted: today, dateTransacted: today }],
    });
    // The emulator's webhooks would bring it too; syncing now shows it at once (the later syncs find nothing and announce nothing).
    return created.error ? created : syncItem({ itemId: chosen.id });
  }

  return (
    <section aria-labelledby="sandbox-heading" className="card">
      <h2 id="sandbox-heading">Sandbox</h2>
      <div className="stack">
        <label>
          Bank
          <select value={chosen?.id ?? ''} onChange={(event) => setItemId(event.target.value)}>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.institutionName ?? item.id}
                {dynamicIds.has(item.id) ? ` (${DYNAMIC_SANDBOX_USER})` : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <select aria-label="Webhook" value={code} onChange={(event) => setCode(event.target.value as SandboxWebhookCode)}>
            {WEBHOOK_CODES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          <button type="button" disabled={!chosen} onClick={() => run(`Webhook ${code}`, () => fireWebhook({ itemId: chosen.id, code }))}>
            Fire webhook
          </button>
        </div>
        <button type="button" disabled={!chosen} onClick={() => run('Reset login', () => resetLogin({ itemId: chosen.id }))}>
          Reset login
        </button>
        <h3>New transactions</h3>
        {acceptsTransactions ? (
          <>
            <div className="row">
              <input aria-label="Description" value={description} onChange={(event) => setDescription(event.target.value)} />
              <input aria-label="Amount" type="number" step="0.01" value={amount} onChange={(event) => setAmount(event.target.value)} />
            </div>
            <p className="hint">{AMOUNT_SIGN_NOTE}</p>
            <button
              type="button"
              onClick={() => {
                const value = apiAmount(amount);
                if (value === undefined || isZero(value)) setNote('Amount must be a plain number other than 0, such as -12.34');
                // The sandbox's own input is a Float (Plaid's sandbox takes a JSON number): the closest double to the text.
                else void run('Add a transaction and sync', () => addTransaction(Number(value)));
              }}
            >
              Add transaction
            </button>
          </>
        ) : (
          <>
            <p className="hint" data-testid="sandbox-dynamic-hint">
              Plaid's sandbox adds transactions only to banks linked as its test user <code>{DYNAMIC_SANDBOX_USER}</code>
              {chosen ? `; ${chosen.institutionName ?? 'this bank'} was not, as far as this browser knows` : ''}.
              {dynamicItems.length > 0
                ? ` Pick ${dynamicItems[0].institutionName ?? 'the one marked so'} above, or link another:`
                : ' Link one here:'}
            </p>
            <button type="button" className="secondary" onClick={() => run(`Link a test bank as ${DYNAMIC_SANDBOX_USER}`, linkDynamicItem)}>
              Link a test bank for new transactions
            </button>
          </>
        )}
      </div>
      {note && (
        <p className="hint" role="status" data-testid="sandbox-note">
          {note}
        </p>
      )}
    </section>
  );
}
