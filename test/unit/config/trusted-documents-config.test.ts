import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

describe('TRUSTED_DOCUMENTS', () => {
  let directory: string;
  const manifest = async (name: string, text: string) => {
    const file = path.join(directory, name);
    await writeFile(file, text);
    return file;
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'trusted-documents-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('is off unless set', () => {
    expect(loadConfig({}).trustedDocuments).toBeUndefined();
  });

  it('reads a manifest of hash -> document, relative to the working directory', async () => {
    await manifest('good.json', JSON.stringify({ abc: 'query Me { me { id } }' }));
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'good.json' }, directory).trustedDocuments).toEqual({ abc: 'query Me { me { id } }' });
  });

  it.each([
    ['missing.json', undefined, /^TRUSTED_DOCUMENTS: cannot read .*missing\.json \(ENOENT\)$/],
    ['not-json.json', '{', /^TRUSTED_DOCUMENTS: .*not-json\.json is not JSON$/],
    ['array.json', '["query { me { id } }"]', /must be a JSON object of hash -> document$/],
    ['empty.json', '{}', /holds no document$/],
    ['number.json', '{"abc": 1}', /the entry abc is not a string$/],
    ['broken.json', '{"abc": "query {"}', /the entry abc is not a GraphQL document \(Syntax Error/],
  ])('stops at start on %s', async (name, text, message) => {
    const file = text === undefined ? path.join(directory, name) : await manifest(name, text);
    expect(problem({ TRUSTED_DOCUMENTS: file })).toMatch(message);
  });
});
