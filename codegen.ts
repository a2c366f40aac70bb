import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * npm run codegen: typed operations from the committed schema.graphql, for the example web
 * app and the tests. `npm run codegen -- --check` (and a test) fails when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    // ASTs for urql, plus persisted-documents.json: the app's manifest for TRUSTED_DOCUMENTS.
    'examples/web/src/gql/': {
      documents: ['examples/web/src/**/*.{ts,tsx}', '!examples/web/src/gql/**'],
      preset: 'client',
      config: { useTypeImports: true, scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' } },
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
    },
    // Strings, not ASTs: the tests post them as they are.
    'test/generated/': {
      documents: ['test/**/*.ts', '!test/generated/**'],
      preset: 'client',
      config: { documentMode: 'string', useTypeImports: true, scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
