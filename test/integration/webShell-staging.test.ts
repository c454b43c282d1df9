/**
 * Staged copies in the web shell: a browser's dropped files are copied into <data>/staging; each copy
 * lives only while something needs it. Real web shell on 127.0.0.1, real core and sandbox, real files;
 * after each event the staging folder's contents are read from disk.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/api'
import { MIB, type UploadView } from '../../src/shared/contract/uploads'
import { startWebShell, type WebShell } from '../../src/main/web/server'
import { PNG_BYTES, wavBytes } from '../fixtures/audio'
import { makeDir, startUploadSession, type UploadSession } from './helpers/uploadSession'

let session: UploadSession
let web: WebShell
let rendererDir: string

beforeAll(async () => {
  session = await startUploadSession()
  rendererDir = await makeDir('switchboard-renderer-')
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')
  web = await startWebShell({ core: session.core, rendererDir })
})
afterAll(async () => {
  await web?.close()
  await session?.close()
  await rm(rendererDir, { recursive: true, force: true })
})
afterEach(async () => {
  session.sandbox.setFaults({})
  await invoke('uploads.cancel', {})
  await invoke('uploads.clear', {})
  await invoke('uploads.settings.set', { maxFileBytes: 500 * MIB })
  const staged = await invoke('uploads.staged', {})
  if (staged.files.length > 0) await invoke('uploads.discard', { paths: staged.files.map((f) => f.path) })
})

/** The browser's path: every call over HTTP with the token, as the renderer makes it. */
async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const res = await fetch(`${web.url}/api/invoke/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value as MethodResult<M>
}

/** What the renderer does for one dropped file: the check, then (if allowed) the bytes into the slot. */
async function drop(name: string, bytes: Buffer, size = bytes.length): Promise<string> {
  const head = bytes.subarray(0, 4100).toString('base64')
  const checked = await invoke('uploads.stage.check', { name, size, head })
  if (!checked.ok) return checked.path
  const res = await fetch(`${web.url}/api/stage`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${web.token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
      'x-stage-slot': checked.slot,
    },
    body: bytes,
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { path: string }).path
}

/** Every file under the staging folder, as "<slot>/<name>" (empty slot folders as "<slot>/"). */
async function stagedFiles(): Promise<string[]> {
  const found: string[] = []
  for (const slot of await readdir(web.stageDir)) {
    const names = await readdir(join(web.stageDir, slot)).catch(() => [])
    if (names.length === 0) found.push(`${slot}/`)
    for (const name of names) found.push(`${slot}/${name}`)
  }
  return found.sort()
}
const slotAndName = (path: string) => path.slice(web.stageDir.length + 1)
const row = (rows: UploadView[], name: string) => rows.find((r) => r.name === name)

describe('checks before copying', () => {
  it('refuses a file over the size limit from its size and first bytes: nothing is copied', async () => {
    await invoke('uploads.settings.set', { maxFileBytes: 10 * MIB })
    // The browser says 600 MB; only its first bytes travel.
    const path = await drop('long call.wav', wavBytes({ bytes: 8000 }), 600 * 1000 * 1000)
    expect(await stagedFiles()).toEqual([])
    const inspected = await invoke('uploads.inspect', { paths: [path] })
    expect(inspected.files[0]).toMatchObject({ name: 'long call.wav', size: 600 * 1000 * 1000 })
    expect(inspected.files[0].refusal).toMatch(/the limit is 10 MB/)
    expect(await stagedFiles()).toEqual([])
  })

  it('refuses a file whose first bytes are not audio: nothing is copied; Start records the refusal', async () => {
    const path = await drop('picture.wav', PNG_BYTES)
    expect(await stagedFiles()).toEqual([])
    const batch = await invoke('uploads.start', { paths: [path] })
    expect(batch.summary.refused).toBe(1)
    const { rows } = await invoke('uploads.list', {})
    expect(row(rows, 'picture.wav')).toMatchObject({ state: 'refused' })
    expect(row(rows, 'picture.wav')?.error?.message).toMatch(/content is PNG, not WAV/)
    expect(await stagedFiles()).toEqual([])
  })

  it('refuses a copy sent without the check once the core reads it, and deletes it', async () => {
    const res = await fetch(`${web.url}/api/stage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'unchecked.wav' },
      body: PNG_BYTES,
    })
    const { path } = (await res.json()) as { path: string }
    expect(await stagedFiles()).toEqual([slotAndName(path)])
    const inspected = await invoke('uploads.inspect', { paths: [path] })
    expect(inspected.files[0].refusal).toMatch(/content is PNG/)
    expect(await stagedFiles()).toEqual([])
    // Start still knows why, although the bytes are gone.
    await invoke('uploads.start', { paths: [path] })
    const { rows } = await invoke('uploads.list', {})
    expect(row(rows, 'unchecked.wav')?.error?.message).toMatch(/content is PNG/)
  })

  it('refuses bytes sent to a slot the core never handed out', async () => {
    const res = await fetch(`${web.url}/api/stage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${web.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': 'a.wav',
        'x-stage-slot': '00000000-0000-4000-8000-000000000000',
      },
      body: wavBytes(),
    })
    expect(res.status).toBe(400)
    expect(await stagedFiles()).toEqual([])
  })
})

describe('copies are deleted once nothing needs them', () => {
  it('after the upload, and after the duplicate is skipped', async () => {
    const bytes = wavBytes({ variant: 101, bytes: 6000 })
    const first = await drop('first.wav', bytes)
    const again = await drop('again.wav', bytes)
    expect(await stagedFiles()).toEqual([slotAndName(first), slotAndName(again)].sort())
    await invoke('uploads.inspect', { paths: [first, again] })
    await invoke('uploads.start', { paths: [first, again] })
    await session.waitForRows((rows) => row(rows, 'first.wav')?.state === 'done' && row(rows, 'again.wav')?.state === 'skipped')
    await expect.poll(stagedFiles).toEqual([])
  })

  it('when discarded before Start; a file that is not a staged copy is never touched', async () => {
    const path = await drop('discarded.wav', wavBytes({ variant: 102 }))
    const own = join(await makeDir(), 'mine.wav')
    await writeFile(own, wavBytes({ variant: 103 }))
    expect(await stagedFiles()).toEqual([slotAndName(path)])
    expect(await invoke('uploads.discard', { paths: [path, own] })).toEqual({ removed: 1 })
    expect(await stagedFiles()).toEqual([])
    expect(await readdir(join(own, '..'))).toEqual(['mine.wav'])
  })

  it('a cancelled upload keeps its copy (it can be tried again) until Clear finished', async () => {
    session.sandbox.setFaults({ latencyMs: 3000, routes: '^/__uploads/' })
    const path = await drop('cancelled.wav', wavBytes({ variant: 104, bytes: 200_000 }))
    await invoke('uploads.start', { paths: [path] })
    // The storage holds the PUT's answer: the row waits in uploading or confirming.
    await session.waitForRows((rows) => ['uploading', 'confirming'].includes(row(rows, 'cancelled.wav')?.state ?? ''))
    await invoke('uploads.cancel', {})
    await session.waitForRows((rows) => row(rows, 'cancelled.wav')?.state === 'cancelled')
    expect(await stagedFiles()).toEqual([slotAndName(path)])
    // Discard is for files not started: it leaves a job's copy alone.
    expect(await invoke('uploads.discard', { paths: [path] })).toEqual({ removed: 0 })
    expect(await stagedFiles()).toEqual([slotAndName(path)])
    await invoke('uploads.clear', {})
    expect(await stagedFiles()).toEqual([])
  })
})

describe('files dropped and not started', () => {
  it('come back after a page reload, checked again; started ones do not', async () => {
    const kept = await drop('kept.wav', wavBytes({ variant: 105 }))
    const refused = await drop('notes.txt.wav', Buffer.from('just some text, not audio at all'))
    const started = await drop('started.wav', wavBytes({ variant: 106 }))
    await invoke('uploads.inspect', { paths: [kept, refused, started] })
    await invoke('uploads.start', { paths: [started] })
    await session.waitForRows((rows) => row(rows, 'started.wav')?.state === 'done')

    // A reloaded page has no state of its own: it asks the core.
    const restored = await invoke('uploads.staged', {})
    expect(restored.files.map((f) => [f.name, f.refusal ? 'refused' : 'ready']).sort()).toEqual([
      ['kept.wav', 'ready'],
      ['notes.txt.wav', 'refused'],
    ])
    await expect.poll(stagedFiles).toEqual([slotAndName(kept)])
    await invoke('uploads.discard', { paths: restored.files.map((f) => f.path) })
    expect(await invoke('uploads.staged', {})).toEqual({ files: [], ignored: [] })
  })

  it('come back in the order the list showed them, not the order their copies arrived in', async () => {
    // The browser checks four files at a time: the core may hand out the slots in any order.
    const third = await drop('third.wav', wavBytes({ variant: 107 }))
    const refused = await drop('second.txt.wav', Buffer.from('just some text, not audio at all'))
    const first = await drop('first.wav', wavBytes({ variant: 108 }))
    const listed = await invoke('uploads.inspect', { paths: [first, refused, third] })
    expect(listed.files.map((f) => f.name)).toEqual(['first.wav', 'second.txt.wav', 'third.wav'])
    const fourth = await drop('fourth.wav', wavBytes({ variant: 109 }))
    await invoke('uploads.inspect', { paths: [fourth] })

    const restored = await invoke('uploads.staged', {})
    expect(restored.files.map((f) => f.name)).toEqual(['first.wav', 'second.txt.wav', 'third.wav', 'fourth.wav'])
  })
})

describe('at start', () => {
  it("deletes a crash's leftover copies, but not those a job can still read", async () => {
    const dataDir = await makeDir('switchboard-core-')
    const own = await startUploadSession({ dataDir, existingSandbox: session.sandbox })
    const shell = await startWebShell({ core: own.core, rendererDir })
    try {
      own.sandbox.setFaults({ latencyMs: 3000, routes: '^/__uploads/' })
      const stage = async (name: string, variant: number) => {
        const checked = await own.call('uploads.stage.check', {
          name,
          size: 9000,
          head: wavBytes({ variant, bytes: 9000 }).subarray(0, 4100).toString('base64'),
        })
        if (!checked.ok) throw new Error('refused')
        const res = await fetch(`${shell.url}/api/stage`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${shell.token}`,
            'content-type': 'application/octet-stream',
            'x-file-name': name,
            'x-stage-slot': checked.slot,
          },
          body: wavBytes({ variant, bytes: 9000 }),
        })
        return ((await res.json()) as { path: string }).path
      }
      const cancelled = await stage('retry-me.wav', 107)
      const notStarted = await stage('dropped.wav', 108)
      await own.call('uploads.start', { paths: [cancelled] })
      await own.waitForRows((rows) => ['uploading', 'confirming'].includes(row(rows, 'retry-me.wav')?.state ?? ''))
      await own.call('uploads.cancel', {})
      const leftover = join(shell.stageDir, '3f1c9a52-0f6e-4d43-9a57-5c0d2b7e1a10')
      await mkdir(leftover)
      await writeFile(join(leftover, 'from-a-crash.wav'), wavBytes({ variant: 109 }))
      const before = (await readdir(shell.stageDir)).sort()
      expect(before).toHaveLength(3)

      await shell.close()
      await own.core.close()
      await own.reopen()
      const slots = await readdir(shell.stageDir)
      expect(slots).toEqual([cancelled.slice(shell.stageDir.length + 1).split('/')[0]])
      expect(notStarted.startsWith(shell.stageDir)).toBe(true)
    } finally {
      own.sandbox.setFaults({})
      await own.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
