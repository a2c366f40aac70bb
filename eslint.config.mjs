// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** The layers, as import rules: what a folder may not reach into. */
const layerZones = [
  {
    target: './src/services',
    from: ['./src/schema', './src/resolvers', './src/server', './src/cli'],
    message: 'Services hold the rules; they never reach up into the GraphQL layer or the server.',
  },
  {
    target: ['./src/repositories', './src/entities', './src/migrations', './src/plaid'],
    from: ['./src/services', './src/schema', './src/resolvers', './src/server', './src/jobs'],
    message: 'Storage and the Plaid door sit below the services.',
  },
  {
    target: './src/resolvers/*.resolver.ts',
    from: './src/resolvers/*.resolver.ts',
    message: 'Resolvers never import each other; share through a service or a mapping file.',
  },
  {
    target: ['./src', './test', './bench'],
    from: './packages/plaid-emulator/src',
    message: "The emulator is a package: import its public entry ('plaid-emulator'), not its files.",
  },
  {
    target: './packages/plaid-emulator',
    from: ['./src', './test', './bench'],
    message: 'The emulator package stands alone: it never imports the gateway.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test/generated/**',
      'examples/web/src/gql/**',
      'test-output/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['plaid-emulator/*'], message: "Import the emulator's public entry only." }] },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
