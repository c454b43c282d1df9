import tseslint from 'typescript-eslint'

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'stream', 'worker_threads', 'url', 'util', 'events', 'zlib', 'tls', 'dns']
const nodeImportPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
        'no-restricted-imports': ['error', {
          paths: [{ name: 'electron', message: 'The core is Electron-free: take what you need from createCore deps.' },
            { name: 'electron-store', message: 'The core uses conf; the Electron shell chooses electron-store.' }],
          patterns: [{ group: [...shellFiles, `${up}web`, `${up}web/*`, `${up}sandbox`, `${up}sandbox/*`, '**/renderer/**', '**/preload/**', '**/main/web/**', '**/main/sandbox/**'], message: 'The core may import only shared/ and libraries.' }],
        }],
      },
    }
  }),
  {
    files: ['src/main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The sandbox is plain Node.' }],
        patterns: [{ group: ['**/core/**', '**/core', '**/renderer/**', '**/preload/**', '**/shared/**'], message: 'The sandbox follows shared/genesys-api.md on its own: it imports nothing of the app.' }],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the main process through window.switchboard only.' }],
        patterns: [{ group: [...nodeImportPatterns, '**/main/**', '**/preload/**'], message: 'Renderer code may import shared/ and browser libraries only.' }],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/main/**', '**/renderer/**', ...nodeImportPatterns], message: 'The preload imports shared/ and electron only.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is runtime-neutral.' }],
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', ...nodeImportPatterns], message: 'shared/ imports nothing of ours and no node or DOM modules.' }],
      }],
    },
  },
)
