export interface WorkerLocation {
  url: URL
  argv?: string[]
  execArgv?: string[]
}

/**
 * Where the verify worker is. In the build it is out/main/verifyWorker.js, its own entry in
 * electron.vite.config.ts, beside the bundled code that starts it (the main build writes all its files
 * into out/main). Run from the sources (vitest, tsx) it is verifyWorker.ts beside this file, loaded
 * with Node's type stripping by runTypeScriptWorker.mjs; the parent's `--import tsx` is not passed on,
 * as loading tsx would be most of the worker's start.
 */
export function verifyWorkerLocation(from: string = import.meta.url): WorkerLocation {
  if (from.endsWith('.ts')) {
    return { url: new URL('./runTypeScriptWorker.mjs', from), argv: [new URL('./verifyWorker.ts', from).href], execArgv: [] }
  }
  return { url: new URL('./verifyWorker.js', from) }
}
