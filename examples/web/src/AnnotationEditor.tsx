import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError, gatewayErrors } from './errors';
import type { AnnotateTransactionInput, TransactionRowFragment } from './gql/graphql';
import { AnnotateTransactionMutation } from './operations';

/** Plaid's primary personal-finance categories, offered for a recategorisation (any other text is taken too). */
const PLAID_CATEGORIES = [
  'BANK_FEES',
  'ENTERTAINMENT',
  'FOOD_AND_DRINK',
  'GENERAL_MERCHANDISE',
  'GENERAL_SERVICES',
  'GOVERNMENT_AND_NON_PROFIT',
  'HOME_IMPROVEMENT',
  'INCOME',
  'LOAN_PAYMENTS',
  'MEDICAL',
  'PERSONAL_CARE',
  'RENT_AND_UTILITIES',
  'TRANSFER_IN',
  'TRANSFER_OUT',
  'TRANSPORTATION',
  'TRAVEL',
];

/** The gateway's limits (AnnotateTransactionInput): the form says them before the gateway has to. */
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;
const MAX_NOTE_LENGTH = 2000;

/** "groceries, shared,groceries" -> ["groceries", "shared"]. */
function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

interface Props {
  transaction: TransactionRowFragment;
  onSaved: (transaction: TransactionRowFragment) => void;
  onClose: () => void;
}

/**
 * The user's own layer over one transaction: tags, a note, hidden from spending, another
 * category. Only what changed is sent (annotateTransaction is a partial update; an emptied
 * category or note is sent as null, which clears it). Plaid's data stays as it is.
 */
export function AnnotationEditor({ transaction, onSaved, onClose }: Props) {
  const current = transaction.annotation;
  const [category, setCategory] = useState(current?.categoryOverride ?? '');
  const [tags, setTags] = useState((current?.tags ?? []).join(', '));
  const [note, setNote] = useState(current?.note ?? '');
  const [hidden, setHidden] = useState(current?.hidden ?? false);
  const [saving, annotate] = useMutation(AnnotateTransactionMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = `annotate-${transaction.id}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const input: AnnotateTransactionInput = { transactionId: transaction.id };
    const newCategory = category.trim() || null;
    if (newCategory !== (current?.categoryOverride ?? null)) input.categoryOverride = newCategory;
    const newNote = note.trim() || null;
    if (newNote !== (current?.note ?? null)) input.note = newNote;
    const newTags = tagsOf(tags);
    if (newTags.join('\n') !== (current?.tags ?? []).join('\n')) input.tags = newTags;
    if (hidden !== (current?.hidden ?? false)) input.hidden = hidden;
    if (Object.keys(input).length === 1) return onClose();
    if (newTags.length > MAX_TAGS || newTags.some((tag) => tag.length > MAX_TAG_LENGTH))
      return setProblem(`At most ${MAX_TAGS} tags of at most ${MAX_TAG_LENGTH} characters each.`);
    setProblem(null);
    const answer = await annotate({ input });
    if (!answer.data) return setProblem(gatewayErrors(answer.error).map(describeError).join('; '));
    onSaved(answer.data.annotateTransaction);
  }

  return (
    <form
      id={formId}
      className="annotation stack"
      aria-label={`Your notes on ${transaction.merchantName ?? transaction.name}`}
      onSubmit={save}
    >
      <div className="annotation-fields">
        <label>
          Category
          <input
            list={`${formId}-categories`}
            value={category}
            placeholder={transaction.category ?? 'none'}
            onChange={(event) => setCategory(event.target.value)}
          />
          <datalist id={`${formId}-categories`}>
            {PLAID_CATEGORIES.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          Tags (comma-separated)
          <input value={tags} onChange={(event) => setTags(event.target.value)} />
        </label>
      </div>
      {/* Named by htmlFor, not by wrapping: a textarea's text would otherwise join its label's name. */}
      <div className="field">
        <label htmlFor={`${formId}-note`}>Note</label>
        <textarea
          id={`${formId}-note`}
          value={note}
          maxLength={MAX_NOTE_LENGTH}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={hidden} onChange={(event) => setHidden(event.target.checked)} />
        Hide from spending (a transfer between your own accounts, say)
      </label>
      <p className="hint">An empty category means Plaid's ({transaction.category ?? 'none'}).</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={saving.fetching}>
          {saving.fetching ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
