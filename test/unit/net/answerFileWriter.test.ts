import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AnswerFileWriter, type AnswerFileOptions } from '../../../src/main/core/net/answerFileWriter'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-answer-file-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** Chunks of uneven sizes with varied bytes, as a socket hands them over. */
function chunks(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.alloc(1000 + ((i * 7919) % 70_000), i % 251))
}

function writer(path: string, extra: Partial<AnswerFileOptions> = {}) {
  const hash = extra.hash ?? createHash('sha256')
  const options: AnswerFileOptions = {
    path,
    flags: 'wx',
    maxBytes: 1e9,
    hash,
    bufferBytes: 256 * 1024,
    flushBehindBytes: 1024 * 1024,
    ...extra,
  }
  return { hash, file: new AnswerFileWriter(options) }
}

describe('AnswerFileWriter', () => {
  it('writes every chunk in order and hashes the same bytes, with a datasync every MiB behind the writes', async () => {
    const parts = chunks(200)
    const whole = Buffer.concat(parts)
    const path = join(folder, 'whole.bin')
    const { hash, file } = writer(path)
    await pipeline(Readable.from(parts), file)
    expect(file.bytes).toBe(whole.length)
    expect(hash.digest('hex')).toBe(createHash('sha256').update(whole).digest('hex'))
    // Compared as a whole: toEqual walks a Buffer byte by byte.
    expect((await readFile(path)).equals(whole)).toBe(true)
  })

  it('continues a file with "a", and the hash it was given goes on over the new bytes', async () => {
    const [first, second] = [Buffer.alloc(5000, 1), Buffer.alloc(7000, 2)]
    const path = join(folder, 'continued.bin')
    await writeFile(path, first)
    const { hash, file } = writer(path, { flags: 'a', hash: createHash('sha256').update(first) })
    await pipeline(Readable.from([second]), file)
    expect(file.bytes).toBe(second.length)
    expect(await readFile(path)).toEqual(Buffer.concat([first, second]))
    expect(hash.digest('hex')).toBe(
      createHash('sha256')
        .update(Buffer.concat([first, second]))
        .digest('hex'),
    )
  })

  it('refuses an existing file with "wx" and leaves it as it was', async () => {
    const path = join(folder, 'taken.bin')
    await writeFile(path, 'keep')
    const { file } = writer(path)
    await expect(pipeline(Readable.from([Buffer.from('new')]), file)).rejects.toMatchObject({ code: 'EEXIST' })
    expect(await readFile(path, 'utf8')).toBe('keep')
  })

  it('stops at the cap before writing the chunk that passes it', async () => {
    const path = join(folder, 'capped.bin')
    const { file } = writer(path, { maxBytes: 150_000, bufferBytes: 1 })
    const parts = [Buffer.alloc(100_000, 1), Buffer.alloc(100_000, 2)]
    await expect(pipeline(Readable.from(parts), file)).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE' })
    expect((await readFile(path)).length).toBe(100_000)
  })
})
