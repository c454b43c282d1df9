/**
 * After a crash the last line of an append-only file can be torn: written in part (no newline), or
 * left as garbage. Such a tail is moved into a file of its own (never silently dropped) and the file
 * is cut back to its last good line, so appending can continue from there.
 */
import { open, stat } from 'node:fs/promises'
import { PRIVATE_FILE_MODE } from '../files/privateFiles'
import { scanLinesBackward } from './lineScanner'

export interface TornTail {
  path: string
  bytes: number
}

/**
 * Sets aside the bytes after the last newline, or the last line when `isGoodLine` rejects it.
 * Returns what was set aside, or undefined when the tail was sound (or the file does not exist).
 */
export async function setAsideTornTail(
  path: string,
  tornPath: string,
  isGoodLine: (line: string) => boolean,
): Promise<TornTail | undefined> {
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  )
  if (size <= 0) return undefined
  let last: { offset: number; bytes: Buffer; terminated: boolean } | undefined
  const fh = await open(path, 'r')
  try {
    const lastByte = Buffer.alloc(1)
    await fh.read(lastByte, 0, 1, size - 1)
    const terminated = lastByte[0] === 10
    await scanLinesBackward(path, { end: size, chunkSize: 64 * 1024 }, (buf, start, end, offset) => {
      last = { offset, bytes: Buffer.from(buf.subarray(start, end)), terminated }
      return false
    })
  } finally {
    await fh.close()
  }
  if (!last) return undefined
  if (last.terminated && isGoodLine(last.bytes.toString('utf8'))) return undefined
  return moveTail(path, tornPath, last.offset, size)
}

async function moveTail(path: string, tornPath: string, offset: number, size: number): Promise<TornTail> {
  const src = await open(path, 'r+')
  try {
    const bytes = Buffer.alloc(size - offset)
    await src.read(bytes, 0, bytes.length, offset)
    const out = await open(tornPath, 'wx', PRIVATE_FILE_MODE)
    try {
      await out.write(bytes)
      await out.sync()
    } finally {
      await out.close()
    }
    await src.truncate(offset)
    await src.sync()
    return { path: tornPath, bytes: bytes.length }
  } finally {
    await src.close()
  }
}
