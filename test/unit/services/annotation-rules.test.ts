import { DomainError } from '../../../src/errors/domain-error';
import {
  annotationChanges,
  MAX_NOTE_CHARACTERS,
  MAX_TAG_CHARACTERS,
  MAX_TAGS,
  normalisedTags,
  type AnnotationChanges,
  type AnnotationInput,
} from '../../../src/services/annotation-rules';

const limits = { maxCategoryCharacters: 100 };
const tags = (n: number) => Array.from({ length: n }, (_, index) => `tag-${index}`);

describe('annotation rules', () => {
  it.each<[string, AnnotationInput, AnnotationChanges]>([
    ['nothing given changes nothing', {}, {}],
    ['a category override, trimmed', { categoryOverride: '  GIFTS ' }, { categoryOverride: 'GIFTS' }],
    ['a null category override clears it', { categoryOverride: null }, { categoryOverride: null }],
    ['an empty category override clears it', { categoryOverride: '   ' }, { categoryOverride: null }],
    ['a note kept as written', { note: ' line 1\nline 2 ' }, { note: ' line 1\nline 2 ' }],
    ['a null note clears it', { note: null }, { note: null }],
    ['a blank note clears it', { note: ' \n ' }, { note: null }],
    ['tags trimmed and deduplicated in first-seen order', { tags: [' b', 'a', 'b ', 'A'] }, { tags: ['b', 'a', 'A'] }],
    ['null tags clear the set', { tags: null }, { tags: [] }],
    ['an empty tag list clears the set', { tags: [] }, { tags: [] }],
    ['hidden true', { hidden: true }, { hidden: true }],
    ['hidden false', { hidden: false }, { hidden: false }],
    ['hidden null keeps it', { hidden: null }, {}],
    [`${MAX_TAGS} tags`, { tags: tags(MAX_TAGS) }, { tags: tags(MAX_TAGS) }],
    [`a ${MAX_TAG_CHARACTERS}-character tag`, { tags: ['x'.repeat(MAX_TAG_CHARACTERS)] }, { tags: ['x'.repeat(MAX_TAG_CHARACTERS)] }],
    ['a tag of 40 emoji (code points, not UTF-16 units)', { tags: ['🚀'.repeat(40)] }, { tags: ['🚀'.repeat(40)] }],
    [`a ${MAX_NOTE_CHARACTERS}-character note`, { note: 'n'.repeat(MAX_NOTE_CHARACTERS) }, { note: 'n'.repeat(MAX_NOTE_CHARACTERS) }],
    ['a 100-character category', { categoryOverride: 'c'.repeat(100) }, { categoryOverride: 'c'.repeat(100) }],
  ])('%s', (_, input, changes) => {
    expect(annotationChanges(input, limits)).toEqual(changes);
  });

  it.each<[string, AnnotationInput, string]>([
    [`${MAX_TAGS + 1} tags`, { tags: tags(MAX_TAGS + 1) }, 'tags'],
    [`${MAX_TAGS + 1} tags, duplicates among them`, { tags: [...tags(MAX_TAGS), 'tag-0'] }, 'tags'],
    [`a ${MAX_TAG_CHARACTERS + 1}-character tag`, { tags: ['x'.repeat(MAX_TAG_CHARACTERS + 1)] }, 'tags'],
    ['an empty tag', { tags: ['ok', ''] }, 'tags'],
    ['a tag of spaces', { tags: ['   '] }, 'tags'],
    [`a ${MAX_NOTE_CHARACTERS + 1}-character note`, { note: 'n'.repeat(MAX_NOTE_CHARACTERS + 1) }, 'note'],
    ['a 101-character category', { categoryOverride: 'c'.repeat(101) }, 'categoryOverride'],
    ['a good note beside a bad tag', { note: 'fine', tags: ['x'.repeat(41)] }, 'tags'],
  ])('refuses %s with BAD_USER_INPUT', (_, input, field) => {
    let thrown: unknown;
    try {
      annotationChanges(input, limits);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('BAD_USER_INPUT');
    expect((thrown as DomainError).details).toMatchObject({ field });
  });

  it('bounds the category override by the configured limit', () => {
    expect(annotationChanges({ categoryOverride: 'abcd' }, { maxCategoryCharacters: 4 })).toEqual({ categoryOverride: 'abcd' });
    expect(() => annotationChanges({ categoryOverride: 'abcde' }, { maxCategoryCharacters: 4 })).toThrow(DomainError);
  });

  it('normalises a tag set alone as annotateTransaction stores it', () => {
    expect(normalisedTags([' rent', 'rent ', 'home'])).toEqual(['rent', 'home']);
  });
});
