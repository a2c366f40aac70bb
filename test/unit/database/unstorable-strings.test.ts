import { parse } from 'graphql';
import { unstorableStringErrors } from '../../../src/database/unstorable-strings';

describe('unstorable strings', () => {
  it('finds a NUL byte in a written-out string argument', () => {
    const errors = unstorableStringErrors(parse('{ transactions(filter: { search: "a\\u0000b" }) { totalCount } }'), {});
    expect(errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(errors[0].locations).toEqual([{ line: 1, column: 34 }]);
  });

  it('finds a NUL byte in a variable, however deep', () => {
    const errors = unstorableStringErrors(parse('query($i: ProfileInput) { me { id } }'), {
      i: { legalName: 'x', tags: ['ok', 'no\u0000'] },
    });
    expect(errors.map((error) => error.message)).toEqual(['Variable "$i" contains a NUL character (U+0000), which cannot be stored']);
  });

  it('lets every other string through, other control characters and emoji included', () => {
    expect(unstorableStringErrors(parse('{ a(s: "tab\\there é 🙂") }'), { v: 'line\nbreak\u0001', n: 3, o: null })).toEqual([]);
  });
});
