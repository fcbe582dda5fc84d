// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'Focused tests hide the rest of the suite.' },
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']", message: 'Focused tests hide the rest of the suite.' },
      ],
    },
  },
  {
    files: ['src/planner/**/*.ts'],
    rules: {
      // The planner is pure: data in, plan out. No clock, no database, no HTTP.
      'no-restricted-imports': ['error', { patterns: ['typeorm', 'express', 'pg', '../db/*', '../http/*'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The planner takes time as input.' }, { object: 'DateTime', property: 'now', message: 'The planner takes time as input.' }, { object: 'Math', property: 'random', message: 'The planner is deterministic.' }],
    },
  },
);
