// Starts a TypeScript worker from the sources (vitest, tsx: tests and benchmarks), whose path is the
// worker's last argv. Node 20 ignores `--import tsx` in a worker's execArgv for the entry module, so
// the worker imports it through tsx's API instead. The build never uses this file.
import { argv } from 'node:process'
import { tsImport } from 'tsx/esm/api'

await tsImport(argv.at(-1), import.meta.url)
