import { mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AtomicFileWriter } from '../../../src/main/core/audit/atomicFileWriter'
import { assertOutsideDataFolder, realPathOf } from '../../../src/main/core/files/adminPaths'
import { checkResultsFolder } from '../../../src/main/core/privacy/resultsFolder'
import { saveResultFiles } from '../../../src/main/core/privacy/saveResults'
import { exportDirectory } from '../../../src/main/core/schemas/exportFiles'

describe('admin-typed paths are checked by their real path', () => {
  let root: string
  let dataDir: string
  let outside: string
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'sb-paths-')))
    dataDir = join(root, 'data')
    outside = join(root, 'outside')
    await mkdir(join(dataDir, 'audit'), { recursive: true })
    await mkdir(outside)
    await writeFile(join(dataDir, 'audit', 'audit.jsonl'), 'live\n')
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const refused = { code: 'invalid_input', message: expect.stringContaining("inside Switchboard's data folder") }

  it('resolves links in any component, a final link, and a dangling final link', async () => {
    await symlink(join(dataDir, 'audit'), join(outside, 'logs'))
    await symlink(join(dataDir, 'audit', 'audit.jsonl'), join(outside, 'file.jsonl'))
    await symlink(join(dataDir, 'audit', 'new.jsonl'), join(outside, 'dangling.jsonl'))
    expect(await realPathOf(join(outside, 'logs', 'a', 'b.csv'))).toBe(join(dataDir, 'audit', 'a', 'b.csv'))
    expect(await realPathOf(join(outside, 'file.jsonl'))).toBe(join(dataDir, 'audit', 'audit.jsonl'))
    expect(await realPathOf(join(outside, 'dangling.jsonl'))).toBe(join(dataDir, 'audit', 'new.jsonl'))
    expect(await realPathOf(join(outside, 'plain.csv'))).toBe(join(outside, 'plain.csv'))
  })

  it('refuses the data folder by its real path too (a data folder reached through a link)', async () => {
    await symlink(dataDir, join(root, 'data-link'))
    await expect(
      assertOutsideDataFolder(join(dataDir, 'audit', 'x.csv'), { dataDir: join(root, 'data-link'), fieldName: 'path' }),
    ).rejects.toMatchObject(refused)
    await expect(assertOutsideDataFolder(join(dataDir, 'settings.json'), { dataDir, fieldName: 'path' })).rejects.toMatchObject(refused)
    expect(await assertOutsideDataFolder(join(outside, 'x.csv'), { dataDir, fieldName: 'path' })).toBe(join(outside, 'x.csv'))
  })

  it('the schema review folder: a link into the data folder is refused, the default export folder is fine', async () => {
    await symlink(join(dataDir, 'audit'), join(outside, 'reviews'))
    await expect(exportDirectory(join(outside, 'reviews'), dataDir)).rejects.toMatchObject(refused)
    expect(await exportDirectory('', dataDir)).toBe(join(dataDir, 'exports', 'schemas'))
    expect(await exportDirectory(outside, dataDir)).toBe(outside)
  })

  it('the privacy results folder: a link into the data folder is refused', async () => {
    await symlink(dataDir, join(outside, 'results'))
    await expect(checkResultsFolder(join(outside, 'results'), dataDir)).rejects.toMatchObject(refused)
    expect(await checkResultsFolder('', dataDir)).toBe(join(dataDir, 'downloads', 'privacy'))
  })

  it('privacy results: a request subfolder that is a link into the data folder is refused before anything is downloaded', async () => {
    await symlink(join(dataDir, 'audit'), join(outside, 'gdpr-export-req-1'))
    const saving = saveResultFiles(
      { requestId: 'req-1', urls: ['https://example.invalid/interactions.json'], folder: outside, csv: true, links: {}, dataDir },
      { audit: () => undefined, now: () => new Date() },
    )
    await expect(saving).rejects.toMatchObject(refused)
    expect(await readdir(join(dataDir, 'audit'))).toEqual(['audit.jsonl'])
  })

  it('an export file whose folder is swapped for a link while it is written is not put there', async () => {
    const target = join(outside, 'exports')
    await mkdir(target)
    const writer = await AtomicFileWriter.create(join(target, 'audit.jsonl'))
    await writer.write('forged\n')
    await rename(target, join(outside, 'exports-old'))
    await symlink(join(dataDir, 'audit'), target)
    await expect(writer.finish()).rejects.toMatchObject({
      code: 'file',
      message: expect.stringContaining('was replaced while the file was being written'),
    })
    expect(await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')).toBe('live\n')
  })

  it('an export file whose temp name was planted as a link does not follow it', async () => {
    const writer = await AtomicFileWriter.create(join(outside, 'out.jsonl'))
    await writer.write('exported\n')
    await writer.finish()
    // The temp name is random and created new ('wx'): nothing planted under a guessable name is written through.
    await symlink(join(dataDir, 'audit', 'audit.jsonl'), join(outside, 'out.jsonl.part'))
    const again = await AtomicFileWriter.create(join(outside, 'out.jsonl'))
    await again.write('exported again\n')
    await again.finish()
    expect(await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')).toBe('live\n')
    expect(await readFile(join(outside, 'out.jsonl'), 'utf8')).toBe('exported again\n')
  })
})
