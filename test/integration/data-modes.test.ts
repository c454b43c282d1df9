/**
 * The data folder is private: after a session that stages and uploads a recording through the web
 * shell, exports the audit log to the default folder and changes a setting, every folder in it is 0700
 * and every file 0600, with the process umask at the common 022 (so it is the code that sets the modes).
 */
import { readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWebShell } from '../../src/main/web/server'
import { wavBytes } from '../fixtures/audio'
import { allSettled, makeDir, startUploadSession } from './helpers/uploadSession'

let root: string
let previousUmask: number

beforeAll(async () => {
  previousUmask = process.umask(0o022)
  root = await makeDir('switchboard-modes-')
})
afterAll(async () => {
  process.umask(previousUmask)
  await rm(root, { recursive: true, force: true })
})

async function walk(dir: string, found: { path: string; mode: number; isDir: boolean }[] = []) {
  found.push({ path: dir, mode: (await stat(dir)).mode & 0o777, isDir: true })
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, found)
    else found.push({ path, mode: (await stat(path)).mode & 0o777, isDir: false })
  }
  return found
}

it.skipIf(process.platform === 'win32')('every folder in the data folder is 0700 and every file 0600', { timeout: 60_000 }, async () => {
  // Not made beforehand: the core creates it (mkdtemp would already give 0700).
  const dataDir = join(root, 'data')
  const rendererDir = join(root, 'renderer')
  const { mkdir } = await import('node:fs/promises')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')

  const session = await startUploadSession({ dataDir })
  const web = await startWebShell({ core: session.core, rendererDir })
  try {
    const staged = await fetch(`${web.url}/api/stage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'dropped.wav' },
      body: wavBytes({ variant: 21, bytes: 9000 }),
    })
    expect(staged.status).toBe(200)
    const { path: stagedPath } = (await staged.json()) as { path: string }

    await session.call('uploads.start', {
      paths: [stagedPath],
      metadata: { department: 'modes', complianceTag: '', retentionDirective: '' },
    })
    expect((await session.waitForRows((rows) => allSettled(rows), 30_000)).rows.map((r) => r.state)).toEqual(['done'])

    await session.call('uploads.settings.set', { concurrency: 3 })
    // The uploaded copy is gone; one dropped and not started yet stays, 0600 like the rest.
    const waiting = await fetch(`${web.url}/api/stage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'waiting.wav' },
      body: wavBytes({ variant: 22, bytes: 9000 }),
    })
    expect(waiting.status).toBe(200)

    const { path: exportPath } = await session.call('audit.suggestExportPath', { format: 'bundle' })
    expect(exportPath.startsWith(join(dataDir, 'exports'))).toBe(true)
    await session.call('audit.export', { format: 'bundle', path: exportPath })
    for (let i = 0; i < 300; i++) {
      const [view] = await session.call('audit.exports', {})
      if (view?.job.state === 'done') break
      expect(view?.job.state).not.toBe('failed')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await stat(exportPath)).isFile()).toBe(true)
  } finally {
    await web.close()
    await session.close()
  }

  const found = await walk(dataDir)
  const names = found.map((f) => f.path.slice(dataDir.length))
  // The session wrote what the issue names: settings, audit log and anchor, job journal, staged recording, export.
  for (const expected of ['/config.json', '/audit/audit.jsonl', '/audit/audit.head.json', '/staging', '/exports'])
    expect(names).toContain(expected)
  expect(names.some((n) => n.startsWith('/jobs/'))).toBe(true)
  expect(names.some((n) => n.startsWith('/staging/') && n.endsWith('/waiting.wav'))).toBe(true)
  expect(names.some((n) => n.endsWith('/dropped.wav'))).toBe(false)
  const wrong = found
    .filter((f) => f.mode !== (f.isDir ? 0o700 : 0o600))
    .map((f) => `${f.path.slice(dataDir.length) || '/'} ${f.mode.toString(8)}`)
  expect(wrong).toEqual([])
})

it.skipIf(process.platform === 'win32')('a data folder an older version left readable by others is tightened at start', async () => {
  const { chmod, mkdir } = await import('node:fs/promises')
  const dataDir = join(root, 'old-data')
  await mkdir(join(dataDir, 'audit'), { recursive: true, mode: 0o755 })
  await chmod(dataDir, 0o755)
  await chmod(join(dataDir, 'audit'), 0o755)
  await writeFile(join(dataDir, 'audit', 'audit.jsonl'), '', { mode: 0o644 })
  await writeFile(join(dataDir, 'audit', 'audit.head.json'), '', { mode: 0o644 })
  const session = await startUploadSession({ dataDir })
  await session.close()
  for (const path of [dataDir, join(dataDir, 'audit')]) expect(((await stat(path)).mode & 0o777).toString(8)).toBe('700')
  for (const name of ['audit.jsonl', 'audit.head.json'])
    expect(((await stat(join(dataDir, 'audit', name))).mode & 0o777).toString(8)).toBe('600')
})
