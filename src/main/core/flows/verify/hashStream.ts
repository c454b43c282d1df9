import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'

/** SHA-256 (hex) of an open file, read in chunks from its start; closes the handle. */
export async function sha256OfHandle(handle: FileHandle, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  const stream = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024, signal })
  for await (const chunk of stream) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
