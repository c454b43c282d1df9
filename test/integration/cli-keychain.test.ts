/**
 * The command line on a data folder whose secrets the desktop app sealed with the OS keychain. Electron's
 * module is the only thing faked (fakeElectron.ts: safeStorage over a real AES key this test holds): the app's
 * core runs here with it, and the built Electron entry of the CLI (out/main/cliHost.js) runs as a child
 * process with the same key, as the installed `switchboard` runs in the app's Electron. The plain-Node
 * build (bin/switchboard.mjs, out/main/cli.js) on the same folders refuses, writing nothing to the log.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/core'
import { settingsFilePath } from '../../src/main/core/settings/openSettings'
import { KEYCHAIN_KEY_ENV } from '../fixtures/fakeElectron'
import { FAKE_ELECTRON_HOST, runCli, type CliOptions } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'
import { openTestCore } from './helpers/coreSession'
import { auditFileNamesSync } from './helpers/auditFolder'

vi.mock('electron', () => import('../fixtures/fakeElectron'))

const keychainKey = randomBytes(32).toString('hex')
process.env[KEYCHAIN_KEY_ENV] = keychainKey
const { safeStorage } = await import('electron')
const { createSafeStorageSecretBox } = await import('../../src/main/secrets')

const ws = cliWorkspace('switchboard-cli-keychain-')

/** The CLI as the installed command runs it where the app's Electron is: the Electron entry, same keychain. */
function inElectron(args: string[], options: CliOptions = {}) {
  return runCli(args, { ...options, launch: FAKE_ELECTRON_HOST, env: { [KEYCHAIN_KEY_ENV]: keychainKey, ...options.env } })
}

/** The desktop app's core: shell electron, secrets sealed by safeStorage. */
function openAppCore(data: string): Promise<Core> {
  return openTestCore(data, ws.sandbox, { shell: 'electron', secretBox: createSafeStorageSecretBox(safeStorage, 'linux') })
}

async function addProduction(core: Core): Promise<string> {
  const saved = await core.handlers['profiles.save']({
    name: 'Production',
    region: 'eu-west-1',
    clientId: ws.sandbox.clientId,
    clientSecret: ws.sandbox.clientSecret,
    gatewayUrl: ws.sandbox.url,
  })
  return saved.id
}

function sealedProfileSecret(data: string): string {
  const settings = JSON.parse(readFileSync(settingsFilePath(data), 'utf8')) as { profiles: { name: string; sealedBoundSecret: string }[] }
  return settings.profiles.find((p) => p.name === 'Production')?.sealedBoundSecret ?? ''
}

/** Every file of the audit folder but the lock's (the refusing run takes the lock, and writes its holder). */
function auditFiles(data: string): Record<string, string> {
  const dir = join(data, 'audit')
  const files = auditFileNamesSync(dir).filter((path) => !basename(path).startsWith('audit.lock'))
  return Object.fromEntries(files.map((path) => [relative(dir, path), readFileSync(path).toString('base64')]))
}

async function auditEntries(data: string): Promise<{ seq: number; action: string; profile: string }[]> {
  const dir = join(data, 'audit')
  const lines: string[] = []
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort())
    lines.push(...(await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean))
  return lines.map((line) => JSON.parse(line) as { seq: number; action: string; profile: string })
}

it('the CLI in Electron uses the profile the app sealed, and both append at once under signed heads', { timeout: 180_000 }, async () => {
  const data = join(ws.work, 'app-folder')
  const app = await openAppCore(data)
  let appTests = 0
  let hostTests = 0
  try {
    const profileId = await addProduction(app)
    expect(sealedProfileSecret(data)).toMatch(/^safe:/)
    const key = JSON.parse(readFileSync(join(data, 'audit', 'audit.key.json'), 'utf8')) as { sealedPrivateKey: string }
    expect(key.sealedPrivateKey).toMatch(/^safe:/)

    const listed = await inElectron(['--data', data, '--json', 'profiles', 'list'])
    expect(listed.stderr).toBe('')
    expect(listed.code).toBe(0)
    expect(listed.json().map((p) => p.name)).toContain('Production')

    // The app tests its connection over and over while the CLI signs in three times with the sealed profile.
    const cliRuns = (async () => {
      for (let i = 0; i < 3; i++) {
        const tested = await inElectron(['--data', data, '--profile', 'Production', '--json', 'profiles', 'test'])
        expect(tested.stderr).toBe('')
        expect(tested.code).toBe(0)
        expect(tested.json()[0]).toMatchObject({ profile: 'Production', orgName: expect.any(String) })
        hostTests += 1
      }
    })()
    let cliDone = false
    void cliRuns.finally(() => (cliDone = true)).catch(() => undefined)
    while (!cliDone || appTests < 5) {
      await app.handlers['profiles.test']({ id: profileId })
      appTests += 1
    }
    await cliRuns
  } finally {
    await app.close()
  }

  const verify = await inElectron(['--data', data, '--json', 'audit', 'verify'])
  expect(verify.code).toBe(0)
  const result = verify.json()[0]
  expect(result).toMatchObject({ ok: true, head: { key: { keychain: true } } })
  expect((result.head as { problem?: string }).problem).toBeUndefined()
  const entries = await auditEntries(data)
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
  expect(entries.filter((e) => e.action === 'connection.test')).toHaveLength(appTests + hostTests)
  // The head is signed at the last line, whoever wrote it.
  const head = JSON.parse(readFileSync(join(data, 'audit', 'audit.head.json'), 'utf8')) as { seq: number }
  expect(head.seq).toBe(entries.length)
})

it(
  'plain Node on a folder whose audit key the keychain sealed: exit 3, says what to run, writes nothing',
  { timeout: 60_000 },
  async () => {
    const data = join(ws.work, 'keychain-key')
    const app = await openAppCore(data)
    await addProduction(app)
    await app.close()
    const before = auditFiles(data)

    for (const args of [
      ['--profile', 'Production', 'profiles', 'test'],
      ['audit', 'verify'],
    ]) {
      const run = await runCli(['--data', data, ...args])
      expect(run.code).toBe(3)
      expect(run.stderr).toContain('sealed in the OS keychain')
      expect(run.stderr).toContain('Nothing was written')
      expect(run.stderr).toMatch(/Hint: Run the switchboard installed with the desktop app.*--data for a separate folder/)
      expect(auditFiles(data)).toEqual(before)
    }
  },
)

it(
  'plain Node with a profile the keychain sealed (audit key plain): exit 3 before signing in; Electron uses it',
  { timeout: 60_000 },
  async () => {
    const data = join(ws.work, 'keychain-profile')
    // The command line came first: the folder's audit key is stored plain, which the app opens too.
    expect((await runCli(['--data', data, 'profiles', 'list'])).code).toBe(0)
    const app = await openAppCore(data)
    await addProduction(app)
    await app.close()
    expect(sealedProfileSecret(data)).toMatch(/^safe:/)
    const before = (await auditEntries(data)).length

    const refused = await runCli(['--data', data, '--profile', 'Production', 'profiles', 'test'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('The client secret of "Production" was sealed in the OS keychain by the desktop app')
    expect(refused.stderr).toMatch(/Hint: Run the switchboard installed with the desktop app.*GENESYSCLOUD_\* variables/)
    // The core opened (its start-up work may append, as every run's does), but nothing was tried with the profile.
    expect((await auditEntries(data)).slice(before).filter((e) => e.profile === 'Production' || e.action === 'connection.test')).toEqual([])

    const tested = await inElectron(['--data', data, '--profile', 'Production', '--json', 'profiles', 'test'])
    expect(tested.code).toBe(0)
    expect(tested.json()[0]).toMatchObject({ profile: 'Production' })
  },
)

it.skipIf(process.platform === 'win32')(
  'bin/switchboard.mjs runs the Electron entry when an Electron binary is there, and exits with its code',
  { timeout: 60_000 },
  async () => {
    // The "binary" is a script running the built Electron entry with Electron's module faked; the electron
    // package finds it through ELECTRON_OVERRIDE_DIST_PATH, as it would a real one.
    const dist = join(ws.work, 'electron-dist')
    await mkdir(dist)
    const hooks = FAKE_ELECTRON_HOST.slice(0, -1).map((arg) => `'${arg}'`)
    await writeFile(join(dist, 'electron'), `#!/bin/sh\nexec '${process.execPath}' ${hooks.join(' ')} "$@"\n`, { mode: 0o755 })
    const data = join(ws.work, 'launcher-folder')
    const app = await openAppCore(data)
    await addProduction(app)
    await app.close()
    const env = { ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0', SWITCHBOARD_CLI_NODE: '', [KEYCHAIN_KEY_ENV]: keychainKey }

    // Plain Node would stop with exit 3 on this folder (its audit key is keychain-sealed).
    const listed = await runCli(['--data', data, '--json', 'profiles', 'list'], { env })
    expect(listed.stderr).toBe('')
    expect(listed.code).toBe(0)
    expect(listed.json().map((p) => p.name)).toContain('Production')
    const unknown = await runCli(['--data', data, '--profile', 'Staging', 'profiles', 'test'], { env })
    expect(unknown.stderr).toContain('No profile named "Staging"')
    expect(unknown.code).toBe(2)
  },
)

const electronDist = 'node_modules/electron/dist'
it.skipIf(!existsSync(electronDist))(
  'with a real Electron binary, bin/switchboard.mjs runs the CLI in it, windowless',
  { timeout: 60_000 },
  async () => {
    // Needs the binary (and on Linux a display); the choice itself is unit-tested in cliHostChoice.test.ts.
    const run = await runCli(['--data', join(ws.work, 'real-electron'), '--json', 'profiles', 'list'], {
      env: { SWITCHBOARD_CLI_NODE: '', DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY },
    })
    expect(run.code).toBe(0)
    expect(run.json()[0]).toMatchObject({ id: 'sandbox' })
  },
)
