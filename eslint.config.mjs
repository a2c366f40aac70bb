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
    from: ['./src/schema', './src/resolvers', './src/context', './src/server', './src/workers', './src/cli'],
    message: 'Services hold the rules; they never reach up into the GraphQL layer or the server.',
  },
  {
    target: ['./src/repositories', './src/entities', './src/migrations', './src/plaid', './src/jobs', './src/pubsub', './src/database'],
    from: ['./src/services', './src/schema', './src/resolvers', './src/context', './src/server', './src/workers', './src/cli'],
    message: 'Storage, queues, pub/sub and the Plaid door sit below the services.',
  },
  {
    target: ['./src/schema', './src/context'],
    from: ['./src/resolvers', './src/server', './src/workers', './src/cli'],
    message: 'Schema types and the request context sit below the resolvers that use them.',
  },
  {
    target: ['./src/resolvers', './src/workers'],
    from: ['./src/server', './src/cli'],
    message: 'Resolvers and job workers are called by the server; they never import it.',
  },
  {
    target: ['./src/config', './src/errors', './src/logging', './src/security', './src/auth', './src/metrics'],
    from: [
      './src/services',
      './src/schema',
      './src/resolvers',
      './src/context',
      './src/server',
      './src/workers',
      './src/cli',
      './src/jobs',
    ],
    message: 'Foundations (config, errors, logging, security, auth, metrics) import nothing above them.',
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
    ignores: ['**/dist/**', '**/node_modules/**', 'test/generated/**', 'examples/web/src/gql/**', 'test-output/**', '.data/**'],
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
      // Without these, import-x does not read the TypeScript files an import leads to, and no-cycle sees no circle.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      // Apollo plugin hooks and graphql-ws callbacks are async by interface; many need not await.
      '@typescript-eslint/require-await': 'off',
      // A rejection passes on what a library rejected or threw, whatever it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Several names from one object, some reassigned later: const for all would need two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
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
    // Tests read JSON bodies and logs as they come and assert on their shape: the expectation is the type check.
    files: ['test/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // React's event attributes ignore what a handler returns; an async handler is the idiom.
    files: ['examples/web/src/**/*.tsx'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  {
    // Tool configuration outside every tsconfig: linted without types.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs', 'codegen.ts', 'examples/web/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
