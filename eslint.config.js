// ESLint (flat config) with typescript-eslint: `npm run lint`, part of `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'examples/**/node_modules/**', 'bench/results/**'] }, js.configs.recommended, ...tseslint.configs.recommended, {
  languageOptions: {
    globals: {
      process: 'readonly',
      console: 'readonly',
      URL: 'readonly',
      setTimeout: 'readonly',
      clearTimeout: 'readonly',
      performance: 'readonly',
      fetch: 'readonly',
      Buffer: 'readonly',
      setImmediate: 'readonly',
      AbortController: 'readonly',
      TextDecoder: 'readonly',
      TextEncoder: 'readonly',
      structuredClone: 'readonly',
      Response: 'readonly',
      queueMicrotask: 'readonly',
      setInterval: 'readonly',
      clearInterval: 'readonly',
      AbortSignal: 'readonly',
      Headers: 'readonly',
      Request: 'readonly',
    },
  },
  linterOptions: { reportUnusedDisableDirectives: 'error' },
  rules: {
    // The kit matches control characters on purpose (terminal and XML sanitising, strict JSON), in many places.
    'no-control-regex': 'off',
    // `_`-prefixed parameters and rest siblings are deliberate (callbacks with a fixed shape, omitting a key).
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
  },
});
