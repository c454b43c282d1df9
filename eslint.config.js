import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'stream',
  'worker_threads',
  'url',
  'util',
  'events',
  'zlib',
  'tls',
  'dns',
]
const nodeImportPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)]

// Which packages each runtime may load. The renderer runs in a sandboxed browser page, the preload has only
// electron, shared/ runs on both sides; everything not listed for them is refused (fastify, axios, ws, yazl...).
const packagesByRuntime = {
  renderer: ['react', 'react-dom', '@tanstack/*', 'zustand', 'uplot', 'zod'],
  preload: ['electron'],
  shared: ['zod'],
}
// The main process's own code must not pull in a browser-only library either.
const browserOnlyPackages = ['react', 'react-dom', '@tanstack/*', 'zustand', 'uplot']

/** A no-restricted-imports pattern that refuses every package not in `allowed` (relative imports pass). */
function onlyPackages(allowed, message) {
  const names = allowed.map((name) => name.replace('/*', '/[^/]+').replace(/[.]/g, '\\.'))
  return { regex: `^(?!\\.{1,2}/|(?:${names.join('|')})(?:/|$))`, message }
}
const browserOnlyGroup = browserOnlyPackages.flatMap((name) => (name.endsWith('/*') ? [`${name}`] : [name, `${name}/*`]))

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // These four judge code for the React Compiler, which we do not build with. They flag deliberate,
      // correct patterns: the audit table's page cache held in a ref and read during render (a version
      // counter re-renders), effects that reset state when a filter changes, TanStack Virtual.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/immutability': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Radio labels hold their text two elements down (<span><strong>…</strong></span>).
      'jsx-a11y/label-has-associated-control': ['error', { depth: 3 }],
    },
  },
  // The core may import only shared/ and libraries. Relative paths are only meaningful by depth, so each
  // depth of src/main/core gets the exact relative names of the shells and the simulator.
  ...[0, 1, 2, 3].map((depth) => {
    const up = '../'.repeat(depth + 1)
    const shellFiles = ['index', 'ipc', 'window', 'secrets', 'settingsStore', 'quitGuard'].flatMap((f) => [`${up}${f}`, `${up}${f}.ts`])
    return {
      files: [`src/main/core/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              { name: 'electron', message: 'The core is Electron-free: take what you need from createCore deps.' },
              { name: 'electron-store', message: 'The core uses conf; the Electron shell chooses electron-store.' },
            ],
            patterns: [
              {
                group: [
                  ...shellFiles,
                  `${up}web`,
                  `${up}web/*`,
                  `${up}sandbox`,
                  `${up}sandbox/*`,
                  '**/renderer/**',
                  '**/preload/**',
                  '**/main/web/**',
                  '**/main/sandbox/**',
                ],
                message: 'The core may import only shared/ and libraries.',
              },
              { group: browserOnlyGroup, message: 'The core runs in Node: browser libraries belong to the renderer.' },
            ],
          },
        ],
      },
    }
  }),
  {
    files: ['src/main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The sandbox is plain Node.' }],
          patterns: [
            {
              group: ['**/core/**', '**/core', '**/renderer/**', '**/preload/**', '**/shared/**'],
              message: 'The sandbox follows shared/genesys-api.md on its own: it imports nothing of the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process through window.switchboard only.' }],
          patterns: [
            {
              group: [...nodeImportPatterns, '**/main/**', '**/preload/**'],
              message: 'Renderer code may import shared/ and browser libraries only.',
            },
            onlyPackages(
              packagesByRuntime.renderer,
              `The renderer runs in a browser page: it may import only ${packagesByRuntime.renderer.join(', ')} (see packagesByRuntime in eslint.config.js).`,
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**', ...nodeImportPatterns], message: 'The preload imports shared/ and electron only.' },
            onlyPackages(packagesByRuntime.preload, 'The preload imports shared/ and electron only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is runtime-neutral.' }],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', ...nodeImportPatterns],
              message: 'shared/ imports nothing of ours and no node or DOM modules.',
            },
            onlyPackages(
              packagesByRuntime.shared,
              `shared/ runs on both sides: it may import only ${packagesByRuntime.shared.join(', ')}.`,
            ),
          ],
        },
      ],
    },
  },
)
