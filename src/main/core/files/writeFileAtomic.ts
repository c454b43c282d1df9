import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { syncDirectory } from './durableAppender'

const TEMP_NAME = /^[\w.-]+\.[0-9a-f]{8}\.tmp$/

/** A name writeFileAtomic gives its temp files (`<name>.<8 hex>.tmp`). */
export function isAtomicTempName(name: string): boolean {
  return TEMP_NAME.test(name)
}

/**
 * Replaces a file so that a crash leaves the old or the new text, never a torn one: write a temp file
 * beside it, fsync, rename over, fsync the folder (best effort: not every platform can).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dirname(path))
}
