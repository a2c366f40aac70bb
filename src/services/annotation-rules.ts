import { badUserInput } from '../errors/domain-error';
import type { AnnotationColumns } from '../repositories/transaction-annotation.repository';

/** The contract's bounds on an annotation. */
export const MAX_TAGS = 20;
export const MAX_TAG_CHARACTERS = 40;
export const MAX_NOTE_CHARACTERS = 2_000;

/** What annotateTransaction may change; a field left out (undefined) keeps its value, null clears it. */
export interface AnnotationInput {
  categoryOverride?: string | null;
  note?: string | null;
  tags?: string[] | null;
  hidden?: boolean | null;
}

/** The columns an annotation write sets (the repository's): only the ones present change. */
export type AnnotationChanges = AnnotationColumns;

export interface AnnotationLimits {
  /** ANNOTATION_CATEGORY_MAX_CHARACTERS: the contract leaves this bound to the gateway. */
  maxCategoryCharacters: number;
}

/** Characters as the user counts them (and PostgreSQL's char_length): code points, not UTF-16 units. */
const characters = (text: string) => [...text].length;

/**
 * The changes an input asks for, or BAD_USER_INPUT for the first rule it breaks (so nothing
 * is written). A category override is trimmed; a note is kept as written. Either, empty or
 * only whitespace, clears the field as null does. `tags: null` clears the set as `[]` does.
 * `hidden: null` is the same as leaving it out: it has no "cleared" state.
 */
export function annotationChanges(input: AnnotationInput, limits: AnnotationLimits): AnnotationChanges {
  const changes: AnnotationChanges = {};
  if (input.categoryOverride !== undefined) {
    const category = input.categoryOverride?.trim() ?? '';
    if (characters(category) > limits.maxCategoryCharacters)
      throw badUserInput(`categoryOverride must be at most ${limits.maxCategoryCharacters} characters`, 'categoryOverride');
    changes.categoryOverride = category === '' ? null : category;
  }
  if (input.note !== undefined) {
    const note = input.note ?? '';
    if (characters(note) > MAX_NOTE_CHARACTERS) throw badUserInput(`note must be at most ${MAX_NOTE_CHARACTERS} characters`, 'note');
    changes.note = note.trim() === '' ? null : note;
  }
  if (input.tags !== undefined) changes.tags = normalisedTags(input.tags ?? []);
  if (input.hidden != null) changes.hidden = input.hidden;
  return changes;
}

/**
 * A tag set as stored: each tag trimmed, duplicates (after trimming, case-sensitive) dropped,
 * first-seen order kept. At most MAX_TAGS given (counted as given, duplicates too, so the work
 * is bounded before any is looked at), none empty, none longer than MAX_TAG_CHARACTERS.
 */
export function normalisedTags(tags: readonly string[]): string[] {
  if (tags.length > MAX_TAGS) throw badUserInput(`tags may hold at most ${MAX_TAGS} tags (got ${tags.length})`, 'tags');
  const kept = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (trimmed === '') throw badUserInput('tags may not hold an empty tag', 'tags');
    if (characters(trimmed) > MAX_TAG_CHARACTERS) throw badUserInput(`each tag must be at most ${MAX_TAG_CHARACTERS} characters`, 'tags');
    kept.add(trimmed);
  }
  return [...kept];
}
