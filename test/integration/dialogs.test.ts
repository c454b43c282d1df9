import { mkdtemp, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PickPathRequest } from '../../src/main/core'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

const sessions: CoreSession[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()))
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

/** Stands in for the shell's native dialog: answers with the queued paths in turn (undefined = cancelled). */
function scriptedDialog(answers: (string | undefined)[]) {
  const asked: PickPathRequest[] = []
  const pickPath = async (request: PickPathRequest) => {
    asked.push(request)
    return answers.shift()
  }
  return { asked, pickPath }
}

async function session(deps: Parameters<typeof startCoreSession>[2] = {}): Promise<CoreSession> {
  const s = await startCoreSession({}, undefined, deps)
  sessions.push(s)
  return s
}

describe('native dialogs in the web shell', () => {
  it('are not supported: the admin types the path instead', async () => {
    const { core } = await session()
    expect(await core.handlers['dialogs.pickFolder']({ title: 'Choose a folder' })).toEqual({ supported: false })
    expect(
      await core.handlers['dialogs.pickSaveFile']({
        title: 'Save as',
        defaultPath: '/tmp/a.csv',
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      }),
    ).toEqual({ supported: false })
  })
})

describe('native dialogs in the desktop shell', () => {
  it('return the chosen folder, and no path when the admin cancels', async () => {
    const dialog = scriptedDialog(['/srv/exports', undefined])
    const { core } = await session({ shell: 'electron', pickPath: dialog.pickPath })

    expect(await core.handlers['dialogs.pickFolder']({ title: 'Choose the results folder', defaultPath: '~/results' })).toEqual({
      supported: true,
      path: '/srv/exports',
    })
    expect(await core.handlers['dialogs.pickFolder']({ title: 'Choose the results folder' })).toEqual({ supported: true })
    expect(dialog.asked).toEqual([
      { kind: 'folder', title: 'Choose the results folder', defaultPath: join(homedir(), 'results') },
      { kind: 'folder', title: 'Choose the results folder' },
    ])
  })

  it('return the file to save as with the filters passed on, and no path when cancelled', async () => {
    const dialog = scriptedDialog(['/srv/exports/audit.csv', undefined])
    const { core } = await session({ shell: 'electron', pickPath: dialog.pickPath })
    const filters = [{ name: 'CSV', extensions: ['csv'] }]

    expect(
      await core.handlers['dialogs.pickSaveFile']({ title: 'Save the export as', defaultPath: '/srv/exports/audit-1.csv', filters }),
    ).toEqual({ supported: true, path: '/srv/exports/audit.csv' })
    // A half-typed start path is dropped rather than handed to the OS dialog.
    expect(await core.handlers['dialogs.pickSaveFile']({ title: 'Save the export as', defaultPath: 'audit.csv' })).toEqual({
      supported: true,
    })
    expect(dialog.asked).toEqual([
      { kind: 'saveFile', title: 'Save the export as', defaultPath: '/srv/exports/audit-1.csv', filters },
      { kind: 'saveFile', title: 'Save the export as' },
    ])
  })

  it('say what failed when the dialog cannot open', async () => {
    const { core } = await session({
      shell: 'electron',
      pickPath: async () => {
        throw new Error('no display')
      },
    })
    await expect(core.handlers['dialogs.pickFolder']({ title: 'Choose a folder' })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('no display'),
      hint: expect.stringContaining('Type the full path'),
    })
  })

  it('are a convenience, not a bypass: a chosen path is still checked where it is used', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'switchboard-dialogs-'))
    dirs.push(parent)
    const missing = join(parent, 'not-there')
    const dialog = scriptedDialog([missing])
    const { core } = await session({ shell: 'electron', pickPath: dialog.pickPath })

    const { path } = await core.handlers['dialogs.pickFolder']({ title: 'Choose the results folder' })
    expect(path).toBe(missing)
    await expect(core.handlers['privacy.checkFolder']({ folder: path as string })).rejects.toMatchObject({
      code: 'file',
      message: expect.stringContaining('does not exist'),
    })
    expect(await core.handlers['privacy.checkFolder']({ folder: parent })).toEqual({ folder: parent })
  })
})
