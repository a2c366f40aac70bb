import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, parse } from 'graphql';
import { fieldMergeWork, fieldMergeWorkErrors } from '../../../src/server/field-merge-work';

const nested = (fanOut: number, depth: number): string =>
  depth === 0 ? 'id' : Array.from({ length: fanOut }, () => `me { ${nested(fanOut, depth - 1)} }`).join(' ');

describe('fieldMergeWork', () => {
  it.each([
    ['no repeated field', '{ me { id } items { id name } }', 0],
    ['a leaf twice', '{ me { id id } }', 1],
    ['an object field twice: 2 x 2', '{ items { id } items { id } }', 4],
    ['aliases are response names', '{ a: items { id } b: items { id } }', 0],
    ['inline fragments merge into their parent', '{ me { id ... on User { id } } }', 1],
    [
      'two fragments spread in one selection, each with id',
      '{ me { ...A ...B } } fragment A on User { id } fragment B on User { id }',
      1 + 1,
    ],
    ['a fragment spread again counts once', '{ me { ...A ...A ...A } } fragment A on User { id }', 0],
    ['480 repeated items { id }', `{ ${'items { id } '.repeat(480)} }`, (960 * 960 - 480 * 4) / 2],
  ])('%s', (_name, query, expected) => {
    expect(fieldMergeWork(parse(query))).toBe(expected);
  });

  it('grows with the pairs a doubling nesting makes, and stays small for the real app documents', () => {
    expect(fieldMergeWork(parse(`{ ${nested(2, 8)} }`))).toBeGreaterThan(100_000);
    expect(fieldMergeWork(parse(`{ ${nested(2, 2)} }`))).toBeLessThan(100);
    const manifest = path.join(__dirname, '../../../examples/web/src/gql/persisted-documents.json');
    const documents = [...Object.values(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>), getIntrospectionQuery()];
    expect(documents.length).toBeGreaterThan(5);
    for (const document of documents) expect(fieldMergeWork(parse(document))).toBeLessThan(100);
  });

  it('survives fragment cycles and unknown fragments, left to validation', () => {
    expect(() => fieldMergeWork(parse('{ me { ...A ...Nope } } fragment A on User { ...B } fragment B on User { ...A id }'))).not.toThrow();
  });

  it('refuses past the limit as a validation error with the figures', () => {
    const [error] = fieldMergeWorkErrors(parse('{ items { id } items { id } }'), 3);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', mergeWork: 4, maxMergeWork: 3 });
    expect(fieldMergeWorkErrors(parse('{ items { id } items { id } }'), 4)).toEqual([]);
  });
});
