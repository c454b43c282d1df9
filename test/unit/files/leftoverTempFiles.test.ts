import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { removeLeftoverTempFiles } from '../../../src/main/core/files/leftoverTempFiles'

const PARTS = ['configurations', 'manifests']
let folder: string | undefined
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
})

it('removes temp files older than the core, keeps newer ones, archived files and look-alikes', async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-leftovers-'))
  await mkdir(join(folder, 'configurations'))
  await mkdir(join(folder, 'manifests'))
  const openedAt = Date.now()
  const old = (openedAt - 60_000) / 1000
  const files = {
    stale: `configurations/${'b'.repeat(64)}.json.0badf00d.tmp`,
    staleManifest: 'manifests/flow-1.json.12345678.tmp',
    inFlight: `configurations/${'c'.repeat(64)}.json.cafe0001.tmp`,
    archived: `configurations/${'d'.repeat(64)}.json`,
    notOurs: 'configurations/notes.tmp',
  }
  for (const file of Object.values(files)) await writeFile(join(folder, file), '{}')
  for (const file of [files.stale, files.staleManifest, files.archived, files.notOurs]) await utimes(join(folder, file), old, old)
  await utimes(join(folder, files.inFlight), (openedAt + 1000) / 1000, (openedAt + 1000) / 1000)

  const removed = await removeLeftoverTempFiles(folder, PARTS, openedAt)

  expect(removed.sort()).toEqual([files.stale, files.staleManifest].sort())
  expect((await readdir(join(folder, 'configurations'))).sort()).toEqual(
    [files.inFlight, files.archived, files.notOurs].map((f) => f.split('/')[1]).sort(),
  )
  expect(await readdir(join(folder, 'manifests'))).toEqual([])
})

it('a folder without its sub-folders is not an error', async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-leftovers-'))
  expect(await removeLeftoverTempFiles(folder, PARTS, Date.now())).toEqual([])
})
