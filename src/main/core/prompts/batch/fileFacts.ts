/**
 * The file a job uploads, as the job first read it (size, modification time, SHA-256): before every
 * upload attempt it must still be exactly that, so an edited or replaced file is never sent half-changed.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../../../shared/errors'

export interface FileFacts {
  size: number
  mtimeMs: number
  sha256: string
}

export async function readFileFacts(path: string, name: string, signal?: AbortSignal): Promise<FileFacts> {
  const before = await statOf(path, name)
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash, { signal }).catch((error: unknown) => {
    if (signal?.aborted) throw error
    throw unreadable(name, error)
  })
  return { size: before.size, mtimeMs: before.mtimeMs, sha256: hash.digest('hex') }
}

/** Throws a plain AppError when the file is gone, or its size, time or content differ from `facts`. */
export async function assertFileUnchanged(path: string, name: string, facts: FileFacts, signal?: AbortSignal): Promise<void> {
  const now = await statOf(path, name)
  if (now.size !== facts.size) throw changed(name, `its size went from ${facts.size} to ${now.size} bytes`)
  if (now.mtimeMs !== facts.mtimeMs) throw changed(name, 'it was modified')
  const again = await readFileFacts(path, name, signal)
  if (again.sha256 !== facts.sha256) throw changed(name, 'its content differs')
}

async function statOf(path: string, name: string) {
  try {
    return await stat(path)
  } catch (error) {
    throw unreadable(name, error)
  }
}

function unreadable(name: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return new AppError({
    code: 'file',
    message: `${name} can no longer be read${code ? ` (${code})` : ''}.`,
    hint: 'Put the file back where it was (or drop it again in a new batch), then retry.',
  })
}

function changed(name: string, what: string): AppError {
  return new AppError({
    code: 'file',
    message: `${name} changed after it was checked: ${what}. Nothing of it was sent.`,
    hint: 'If it is still being written, wait until it is finished, then drop it again in a new batch.',
  })
}
