import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HashPool } from '../../../src/main/core/uploads/hashing/hashPool'

const MIB = 1024 * 1024
let dir: string
let pool: HashPool

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashpool-'))
  pool = new HashPool()
})
afterAll(async () => {
  await pool.close()
  await rm(dir, { recursive: true, force: true })
})

const digestsOf = (bytes: Buffer) => ({
  md5Hex: createHash('md5').update(bytes).digest('hex'),
  md5Base64: createHash('md5').update(bytes).digest('base64'),
  sha256: createHash('sha256').update(bytes).digest('hex'),
})

describe('HashPool', () => {
  it.each([0, 1, MIB - 1, MIB, MIB + 1, 8 * MIB + 3, 21 * MIB + 7])('hashes %i bytes with MD5 and SHA-256 in one read', async (size) => {
    const bytes = randomBytes(size)
    const path = join(dir, `f-${size}`)
    await writeFile(path, bytes)
    const progress: number[] = []
    const digest = await pool.hashFile(path, { onProgress: (n) => progress.push(n) })
    expect(digest).toMatchObject({ size, ...digestsOf(bytes) })
    if (size > 0) expect(progress.at(-1)).toBe(size)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('reads an unchanged file once: the review before Start and the upload after it share the digest', async () => {
    const bytes = randomBytes(3 * MIB + 5)
    const path = join(dir, 'reviewed-then-uploaded.wav')
    await writeFile(path, bytes)
    const first = await pool.hashFile(path)
    const readBefore = pool.readBytes
    const progress: number[] = []
    const again = await pool.hashFile(path, { onProgress: (n) => progress.push(n) })
    expect(again).toEqual(first)
    expect(pool.readBytes).toBe(readBefore)
    expect(progress).toEqual([bytes.length])
  })

  it('hashes again a file rewritten in place, even with its size and modification time put back', async () => {
    const path = join(dir, 'rewritten.wav')
    const original = randomBytes(MIB)
    await writeFile(path, original)
    expect(await pool.hashFile(path)).toMatchObject(digestsOf(original))
    const { atime, mtime } = await stat(path)
    const replacement = randomBytes(MIB)
    await writeFile(path, replacement)
    await utimes(path, atime, mtime)
    const readBefore = pool.readBytes
    expect(await pool.hashFile(path)).toMatchObject(digestsOf(replacement))
    expect(pool.readBytes - readBefore).toBe(MIB)
  })

  it('hashes several files asked for at once, each correctly', async () => {
    const files = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        const bytes = randomBytes(n * 700_001)
        const path = join(dir, `p-${n}`)
        await writeFile(path, bytes)
        return { path, bytes }
      }),
    )
    const digests = await Promise.all(files.map((f) => pool.hashFile(f.path)))
    digests.forEach((d, i) => expect(d.sha256).toBe(digestsOf(files[i].bytes).sha256))
  })

  it('stops when aborted, and the next file is still hashed right', async () => {
    const big = join(dir, 'big')
    await writeFile(big, Buffer.alloc(0))
    await truncate(big, 300 * MIB)
    const controller = new AbortController()
    const aborted = pool.hashFile(big, {
      signal: controller.signal,
      onProgress: (n) => n >= 4 * MIB && controller.abort(new Error('stop')),
    })
    await expect(aborted).rejects.toThrow('stop')
    const bytes = randomBytes(3 * MIB)
    await writeFile(join(dir, 'after'), bytes)
    expect((await pool.hashFile(join(dir, 'after'))).sha256).toBe(digestsOf(bytes).sha256)
  })

  it('notices a file that changes while it is hashed', async () => {
    const path = join(dir, 'changing')
    await writeFile(path, randomBytes(12 * MIB))
    let appended = false
    const result = pool.hashFile(path, {
      onProgress: () => {
        if (!appended) appendFileSync(path, 'more')
        appended = true
      },
    })
    await expect(result).rejects.toThrow(/changed while it was being hashed/)
  })

  it('says plainly when a file cannot be read', async () => {
    await expect(pool.hashFile(join(dir, 'missing'))).rejects.toThrow(
      'could not be read for hashing: it no longer exists (moved, renamed or deleted).',
    )
    await mkdir(join(dir, 'a-folder'))
    await expect(pool.hashFile(join(dir, 'a-folder'))).rejects.toThrow(/it is a folder, not a file/)
  })
})
