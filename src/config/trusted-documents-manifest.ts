import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { ConfigError } from './config-error';

/** hash -> document, as graphql-codegen's client preset writes `persisted-documents.json`. */
export type TrustedDocumentsManifest = Readonly<Record<string, string>>;

const VARIABLE = 'TRUSTED_DOCUMENTS';

/** Reads and checks the manifest once at start: every entry must be a parsable GraphQL document. */
export function readTrustedDocumentsManifest(file: string): TrustedDocumentsManifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new ConfigError(VARIABLE, `${file} is not JSON`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new ConfigError(VARIABLE, `${file} must be a JSON object of hash -> document`);
  }
  const entries = Object.entries(manifest);
  if (entries.length === 0) throw new ConfigError(VARIABLE, `${file} holds no document`);
  for (const [hash, document] of entries) {
    if (typeof document !== 'string') throw new ConfigError(VARIABLE, `${file}: the entry ${hash} is not a string`);
    try {
      parse(document);
    } catch (error) {
      throw new ConfigError(VARIABLE, `${file}: the entry ${hash} is not a GraphQL document (${(error as Error).message})`);
    }
  }
  return Object.fromEntries(entries);
}
