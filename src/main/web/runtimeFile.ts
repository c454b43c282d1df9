/**
 * The web shell's runtime file: the port and token of the last start, kept in the data folder (0600, in a
 * 0700 folder) as notebook servers keep theirs, so a browser tab left open reconnects after a restart.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { ensurePrivateDir } from '../core/files/privateFiles'
import { writeFileAtomic } from '../core/files/writeFileAtomic'

export const RUNTIME_FILE_NAME = 'web-runtime.json'

const WebRuntime = z.object({
  port: z.number().int().min(1).max(65_535),
  token: z.string().regex(/^[A-Za-z0-9_-]{32,512}$/),
})
export type WebRuntime = z.infer<typeof WebRuntime>

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE_NAME)
}

/** The stored port and token; undefined when there is none or it does not parse (a fresh one is made then). */
export async function readWebRuntime(dataDir: string): Promise<WebRuntime | undefined> {
  const text = await readFile(runtimeFilePath(dataDir), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    const parsed = WebRuntime.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

export async function writeWebRuntime(dataDir: string, runtime: WebRuntime): Promise<void> {
  await ensurePrivateDir(dataDir)
  await writeFileAtomic(runtimeFilePath(dataDir), `${JSON.stringify(WebRuntime.parse(runtime), null, 2)}\n`)
}
