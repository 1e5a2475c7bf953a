// ESLint for kpods: typescript-eslint with type information, plus the rules that keep the layers apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/tmp/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // The core is pure: no React, Ink, process environment, home directory or clock reads (all injected).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/core has no React: put it in src/ui.' },
            { name: 'ink', message: 'src/core has no Ink: put it in src/ui.' },
          ],
          patterns: [
            {
              group: ['**/ui/**', '**/commands/**', '**/sim/**', '**/cli.js'],
              message: 'src/core imports nothing from the layers above it.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Inject the environment (Host.env).' },
        { object: 'Date', property: 'now', message: 'Inject the clock (Host.now).' },
        { object: 'os', property: 'homedir', message: 'Inject the home directory (Host.home).' },
      ],
    },
  },
  {
    // Screens and the core read time only from the injected clock (tests move it; the system clock is not theirs).
    files: ['src/core/**/*.ts', 'src/ui/screens/**/*.ts', 'src/ui/screens/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected clock (Host.now, ui.now or the view props).',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // bin/ is CommonJS (bin/package.json): `kpods list` runs without the ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
