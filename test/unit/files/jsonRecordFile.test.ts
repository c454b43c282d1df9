import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JsonRecordFile } from '../../../src/main/core/files/jsonRecordFile'

const Item = z.object({ id: z.string(), count: z.number() })
type Item = z.infer<typeof Item>

describe('JsonRecordFile', () => {
  let dir: string
  const open = () => JsonRecordFile.open<Item>({ dir, file: 'items.json', schema: Item, what: 'test items', damagedHint: 'Move it aside.' })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'record-file-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('keeps every change of a burst, in the order made, across a reopen', async () => {
    const store = await open()
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put({ id: `i${i % 5}`, count: i })))
    await store.update('i0', (item) => ({ ...item, count: item.count + 100 }))
    await store.remove(['i4'])
    const reopened = await open()
    expect(reopened.list().map((item) => [item.id, item.count])).toEqual([
      ['i0', 115],
      ['i1', 16],
      ['i2', 17],
      ['i3', 18],
    ])
  })

  it('starts empty without a file and names a damaged file instead of replacing it', async () => {
    expect((await open()).list()).toEqual([])
    const path = join(dir, 'items.json')
    await writeFile(path, '[{"id": 1}]')
    await expect(open()).rejects.toMatchObject({ message: `The test items file ${path} is damaged.`, hint: 'Move it aside.' })
    await writeFile(path, 'not json')
    await expect(open()).rejects.toMatchObject({ code: 'file' })
    expect(await readFile(path, 'utf8')).toBe('not json')
  })
})
