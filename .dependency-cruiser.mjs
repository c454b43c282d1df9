// The graph rules ESLint cannot see file by file: import cycles (type-only ones included, because a type
// cycle is still two modules that cannot be understood apart) and the walls between workflows and features.
// Per-runtime package rules live in eslint.config.js.

// What every workflow is built from; any other folder under src/main/core is a workflow.
export const coreServiceFolders = [
  'kit',
  'net',
  'audit',
  'files',
  'media',
  'genesys',
  'jobs',
  'events',
  'profiles',
  'secrets',
  'settings',
  'status',
]
const coreService = `^src/main/core/(${coreServiceFolders.join('|')})/`

export default {
  forbidden: [
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment: 'Import cycles (type-only ones too) tie modules together so neither can be read or moved alone: move the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'workflow-imports-another-workflow',
      severity: 'error',
      comment:
        'One core folder imports another only if it is a service every workflow uses (kit, net, audit, jobs, ...); a workflow never imports another workflow.',
      from: { path: '^src/main/core/([^/]+)/' },
      to: { path: '^src/main/core/[^/]+/', pathNot: ['^src/main/core/$1/', coreService] },
    },
    {
      name: 'generic-core-imports-a-workflow',
      severity: 'error',
      comment: 'The generic core files (types, workflow, invoke) know no workflow; only core/index.ts and core/workflows.ts assemble them.',
      from: { path: '^src/main/core/[^/]+\\.ts$', pathNot: '^src/main/core/(index|workflows)\\.ts$' },
      to: { path: '^src/main/core/[^/]+/', pathNot: coreService },
    },
    {
      name: 'feature-imports-another-feature',
      severity: 'error',
      comment: 'A renderer feature imports shared code (ui/, hooks/, api, shared/), never another feature.',
      from: { path: '^src/renderer/src/features/([^/]+)/' },
      to: { path: '^src/renderer/src/features/', pathNot: '^src/renderer/src/features/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'] },
  },
}
