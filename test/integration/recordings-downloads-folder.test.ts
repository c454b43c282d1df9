/**
 * The folder of a download or a transcript save, checked before anything starts (the same rules as
 * privacy's results folder, from core/files/outputFolder.ts): which problem, and what to do; nothing is
 * made by the check. Empty means the default folder in the data folder's downloads.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConversations, call, isOver, startDownloadSession, waitForDownload, type DownloadSession } from './helpers/downloadSession'

let session: DownloadSession

beforeAll(async () => {
  session = await startDownloadSession({ rateLimitPerMinute: 100_000 })
})
afterAll(() => session.close())

const check = (folder: string) => call(session.core, 'recordings.downloads.checkFolder', { folder })
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

describe('the folder check', () => {
  it('answers the default, an existing folder, and a missing one that can be made, without making anything', async () => {
    const defaultFolder = join(session.dataDir, 'downloads', 'recordings')
    expect(await check('')).toEqual({ folder: defaultFolder, exists: false, isDefault: true, defaultFolder })
    expect(await check(session.folder)).toEqual({ folder: session.folder, exists: true, isDefault: false, defaultFolder })
    const missing = join(session.folder, 'calls', 'november')
    expect(await check(` ${missing} `)).toMatchObject({ folder: missing, exists: false, isDefault: false })
    expect(await exists(missing)).toBe(false)
    expect(await exists(defaultFolder)).toBe(false)
  })

  it('says which problem a folder has, and what to do, naming the field', async () => {
    const file = join(session.folder, 'a-file.txt')
    await writeFile(file, 'x')
    const onField = { details: [{ fieldName: 'folder', errorCode: 'invalid.value' }] }
    await expect(check(file)).rejects.toMatchObject({
      code: 'file',
      message: `${file} is a file, not a folder.`,
      hint: 'Choose a folder.',
      ...onField,
    })
    await expect(check(join(file, 'below'))).rejects.toMatchObject({
      code: 'file',
      message: `The folder ${join(file, 'below')} cannot be created: ${file} is a file, not a folder.`,
      hint: expect.stringContaining('move that file away'),
      ...onField,
    })
    // Nobody, root included, may make a folder in a process's /proc entry.
    await expect(check('/proc/1/switchboard-recordings')).rejects.toMatchObject({
      code: 'file',
      message: expect.stringMatching(
        /^The folder \/proc\/1\/switchboard-recordings does not exist and cannot be created\. Switchboard cannot write to \/proc\/1 /,
      ),
      hint: expect.stringContaining('write access'),
      ...onField,
    })
    await expect(check('calls/november')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a full folder path'),
    })
    await expect(check(join(session.dataDir, 'jobs'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("inside Switchboard's data folder"),
    })
  })

  it('is what a download and a transcript save go by: the default when empty, a missing folder made', async () => {
    const started = await call(session.core, 'recordings.downloads.start', {
      items: addConversations(session.sandbox, 1, 'default-folder'),
      folder: '',
    })
    const defaultFolder = join(session.dataDir, 'downloads', 'recordings')
    expect(started.folder).toBe(defaultFolder)
    expect((await waitForDownload(session.core, started.id, isOver)).counts.saved).toBe(1)
    expect(((await stat(defaultFolder)).mode & 0o777).toString(8)).toBe('700')
    expect(await check('')).toMatchObject({ folder: defaultFolder, exists: true })

    const analysed = session.sandbox.recordings.conversations().find((c) => c.analysed && c.mediaType === 'voice')
    const target = join(session.folder, 'transcripts', 'new')
    const saved = await call(session.core, 'recordings.transcript.save', { conversationId: analysed!.id, folder: target })
    expect(saved.state).toBe('saved')
    expect(await exists(target)).toBe(true)

    const file = join(session.folder, 'not-a-folder')
    await writeFile(file, 'x')
    await mkdir(join(session.folder, 'ok'), { recursive: true })
    await expect(
      call(session.core, 'recordings.transcript.save', { conversationId: analysed!.id, folder: join(file, 'below') }),
    ).rejects.toMatchObject({ code: 'file', message: expect.stringContaining('is a file, not a folder') })
  })
})
