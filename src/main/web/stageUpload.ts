import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileNameTooLong } from './stagedFileName'

/** Writes a dropped file's bytes under a folder of its own in the staging folder; answers its path. */
export async function stageUpload(stageDir: string, name: string, body: Readable): Promise<string> {
  const dir = join(stageDir, randomUUID())
  await mkdir(dir, { mode: 0o700 })
  const path = join(dir, name)
  try {
    await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600 }))
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    // Some file systems (encrypted home folders) take fewer bytes per name than the limit we check.
    if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw fileNameTooLong()
    throw error
  }
  return path
}
