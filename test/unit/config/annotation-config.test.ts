import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('loadConfig: the bound on an annotation the contract leaves to the gateway', () => {
  it('allows a category override of 100 characters by default', () => {
    expect(loadConfig({}, '/srv').annotationCategoryMaxCharacters).toBe(100);
  });

  it('reads it from ANNOTATION_CATEGORY_MAX_CHARACTERS', () => {
    expect(loadConfig({ ANNOTATION_CATEGORY_MAX_CHARACTERS: '40' }).annotationCategoryMaxCharacters).toBe(40);
  });

  it.each([['0'], ['1001'], ['many']])('refuses %p', (value) => {
    expect(problem({ ANNOTATION_CATEGORY_MAX_CHARACTERS: value })).toMatch(/^ANNOTATION_CATEGORY_MAX_CHARACTERS: /);
  });
});
