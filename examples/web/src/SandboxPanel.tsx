import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError, gatewayErrors } from './errors';
import type { SandboxWebhookCode } from './gql/graphql';
import { ItemOptions } from './ItemOptions';
import type { Item } from './ItemsPanel';
import { SandboxCreateTransactionsMutation, SandboxFireWebhookMutation, SandboxResetLoginMutation, SyncItemMutation } from './operations';

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

/** Drives every state of an Item without a bank (sandbox and emulator only; SANDBOX_ONLY in production). */
export function SandboxPanel({ items, onChanged }: { items: Item[]; onChanged: () => void }) {
  const [itemId, setItemId] = useState('');
  const [code, setCode] = useState<SandboxWebhookCode>('SYNC_UPDATES_AVAILABLE');
  const [amount, setAmount] = useState('12.34');
  const [description, setDescription] = useState('Corner coffee');
  const [note, setNote] = useState<string | null>(null);
  const [, fireWebhook] = useMutation(SandboxFireWebhookMutation);
  const [, resetLogin] = useMutation(SandboxResetLoginMutation);
  const [, createTransactions] = useMutation(SandboxCreateTransactionsMutation);
  const [, syncItem] = useMutation(SyncItemMutation);
  const chosen = itemId || items[0]?.id || '';

  async function run(label: string, action: () => Promise<{ error?: Parameters<typeof gatewayErrors>[0] }>) {
    setNote(`${label}…`);
    const answer = await action();
    const errors = gatewayErrors(answer.error);
    setNote(errors.length ? errors.map(describeError).join('; ') : `${label}: done`);
    onChanged();
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="sandbox-heading" className="card">
      <h2 id="sandbox-heading">Sandbox</h2>
      <div className="stack">
        <label>
          Bank
          <select value={chosen} onChange={(event) => setItemId(event.target.value)}>
            <ItemOptions items={items} />
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
          <button type="button" disabled={!chosen} onClick={() => run(`Webhook ${code}`, () => fireWebhook({ itemId: chosen, code }))}>
            Fire webhook
          </button>
        </div>
        <button type="button" disabled={!chosen} onClick={() => run('Reset login', () => resetLogin({ itemId: chosen }))}>
          Reset login
        </button>
        <div className="row">
          <input aria-label="Description" value={description} onChange={(event) => setDescription(event.target.value)} />
          <input aria-label="Amount" type="number" step="0.01" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </div>
        <button
          type="button"
          disabled={!chosen}
          onClick={() =>
            run('Add a transaction and sync', async () => {
              const created = await createTransactions({
                itemId: chosen,
                transactions: [{ amount: Number(amount), description, datePosted: today, dateTransacted: today }],
              });
              return created.error ? created : syncItem({ itemId: chosen });
            })
          }
        >
          Add transaction
        </button>
      </div>
      {note && (
        <p className="hint" role="status" data-testid="sandbox-note">
          {note}
        </p>
      )}
    </section>
  );
}
