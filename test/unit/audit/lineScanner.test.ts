import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanLines, scanLinesBackward } from '../../../src/main/core/audit/lineScanner'
import { makeTempDir, removeDir } from './auditTestKit'

describe('line scanner', () => {
  let dir: string
  const lines = Array.from({ length: 200 }, (_, i) => `line-${i}-` + 'x'.repeat(i % 37) + 'é')
  beforeAll(async () => {
    dir = await makeTempDir()
    await writeFile(join(dir, 'full.txt'), lines.map((l) => l + '\n').join(''))
    await writeFile(join(dir, 'torn.txt'), lines.map((l) => l + '\n').join('') + 'partial')
  })
  afterAll(async () => {
    await removeDir(dir)
  })

  it.each([3, 7, 64, 1024 * 1024])('reads every line forwards with chunks of %i bytes', async (chunkSize) => {
    const seen: string[] = []
    const offsets: number[] = []
    const result = await scanLines(join(dir, 'full.txt'), { chunkSize }, (buf, s, e, off) => {
      seen.push(buf.toString('utf8', s, e))
      offsets.push(off)
    })
    expect(seen).toEqual(lines)
    expect(result.unterminated).toBeUndefined()
    expect(offsets[1]).toBe(Buffer.byteLength(lines[0]) + 1)
  })

  it.each([3, 7, 64, 1024 * 1024])('reads every line backwards with chunks of %i bytes', async (chunkSize) => {
    const seen: string[] = []
    await scanLinesBackward(join(dir, 'full.txt'), { chunkSize }, (buf, s, e) => {
      seen.push(buf.toString('utf8', s, e))
    })
    expect(seen).toEqual([...lines].reverse())
  })

  it('reports bytes after the last newline', async () => {
    const seen: string[] = []
    const result = await scanLines(join(dir, 'torn.txt'), { chunkSize: 50 }, (buf, s, e) => {
      seen.push(buf.toString('utf8', s, e))
    })
    expect(seen).toEqual(lines)
    expect(result.unterminated?.bytes.toString()).toBe('partial')
  })

  it('stops when the callback says so', async () => {
    let count = 0
    const result = await scanLinesBackward(join(dir, 'full.txt'), { chunkSize: 16 }, () => ++count < 5)
    expect(result.stopped).toBe(true)
    expect(count).toBe(5)
  })
})
