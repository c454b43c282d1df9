/**
 * The decompressed bytes of archived segments (gzip files in archive/), kept for the last couple of
 * segments read: a page of archived entries is a few slices of one of these, and scanning one again
 * right after (the count following the first page) does not unpack it twice. Archived segments never
 * change, so a cached copy is only dropped to bound memory.
 */
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'

const unzip = promisify(gunzip)
const KEEP = 2

const cache = new Map<string, Promise<Buffer>>()

export function archivedBytes(path: string): Promise<Buffer> {
  let bytes = cache.get(path)
  if (bytes) {
    // Most recently used last.
    cache.delete(path)
    cache.set(path, bytes)
    return bytes
  }
  bytes = readFile(path).then((gz) => unzip(gz))
  cache.set(path, bytes)
  bytes.catch(() => cache.delete(path))
  while (cache.size > KEEP) cache.delete(cache.keys().next().value as string)
  return bytes
}
