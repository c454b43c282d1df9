import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/errors'
import { fileNameTooLong } from './stagedFileName'

const SLOT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Writes a dropped file's bytes under a folder of its own in the staging folder; answers its path.
 * A recording comes with the slot the core handed out when it checked the file's size and type.
 */
export async function stageUpload(stageDir: string, name: string, body: Readable, slot?: string): Promise<string> {
  const dir = slot === undefined ? join(stageDir, randomUUID()) : await reservedSlot(stageDir, slot)
  if (slot === undefined) await mkdir(dir, { mode: 0o700 })
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

async function reservedSlot(stageDir: string, slot: string): Promise<string> {
  const dir = join(stageDir, slot)
  const found = SLOT.test(slot) ? await stat(dir).catch(() => undefined) : undefined
  if (!found?.isDirectory()) {
    throw new AppError({
      code: 'invalid_input',
      message: 'This file was not checked before it was sent, or its check has expired.',
      hint: 'Drop the file again.',
    })
  }
  return dir
}
