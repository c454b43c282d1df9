/**
 * Show in folder for a download: the desktop shell opens the file manager on the manifest (or the folder
 * before the manifest exists); the web shell, which has no file manager to open, answers with the path.
 */
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConversations, call, isOver, startDownloadSession, waitForDownload, type DownloadSession } from './helpers/downloadSession'

const shown: string[] = []
let desktop: DownloadSession
let web: DownloadSession

beforeAll(async () => {
  desktop = await startDownloadSession({ rateLimitPerMinute: 100_000, showItemInFolder: (path) => void shown.push(path) })
  web = await startDownloadSession({ rateLimitPerMinute: 100_000 })
})
afterAll(async () => {
  await desktop.close()
  await web.close()
})

describe('Show in folder', () => {
  it('opens the manifest in the desktop app, then the folder once the manifest is gone, and says when neither is there', async () => {
    const { core, sandbox, folder } = desktop
    expect((await call(core, 'app.info', {})).canShowInFolder).toBe(true)
    const started = await call(core, 'recordings.downloads.start', { items: addConversations(sandbox, 2, 'show'), folder })
    const done = await waitForDownload(core, started.id, isOver)
    expect(done.state).toBe('done')
    expect(await call(core, 'recordings.downloads.show', { id: done.id })).toEqual({ shown: true, path: done.manifestPath })

    await rm(done.manifestPath!)
    expect(await call(core, 'recordings.downloads.show', { id: done.id })).toEqual({ shown: true, path: folder })
    expect(shown).toEqual([done.manifestPath, folder])

    await rm(folder, { recursive: true })
    await expect(call(core, 'recordings.downloads.show', { id: done.id })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('not there any more'),
      hint: expect.stringContaining('clear this download'),
    })
    await expect(call(core, 'recordings.downloads.show', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
    expect(shown).toHaveLength(2)
  })

  it('gives the web shell the path to copy instead', async () => {
    const { core, sandbox, folder } = web
    expect((await call(core, 'app.info', {})).canShowInFolder).toBe(false)
    const started = await call(core, 'recordings.downloads.start', { items: addConversations(sandbox, 1, 'show-web'), folder })
    const done = await waitForDownload(core, started.id, isOver)
    expect(await call(core, 'recordings.downloads.show', { id: done.id })).toEqual({ shown: false, path: done.manifestPath })
  })
})
