export interface WorkerLocation {
  url: URL
  argv?: string[]
}

/**
 * Where the hashing worker is. In the build it is out/main/hashWorker.js, its own entry in
 * electron.vite.config.ts, beside the bundled code that starts it (the main build writes all its files
 * into out/main). Run from the sources (vitest, tsx) it is hashWorker.ts beside this file, loaded
 * through tsx by runTypeScriptWorker.mjs.
 */
export function hashWorkerLocation(from: string = import.meta.url): WorkerLocation {
  if (from.endsWith('.ts')) {
    return { url: new URL('./runTypeScriptWorker.mjs', from), argv: [new URL('./hashWorker.ts', from).href] }
  }
  return { url: new URL('./hashWorker.js', from) }
}
