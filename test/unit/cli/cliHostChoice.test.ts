import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseCliHost, findElectronBinary } from '../../../bin/cliHostChoice.mjs'

const outDir = '/opt/switchboard/out/main'
const electron = '/opt/switchboard/node_modules/electron/dist/electron'
const built = new Set([electron, join(outDir, 'cliHost.js'), join(outDir, 'cli.js')])

function choose(overrides: Partial<Parameters<typeof chooseCliHost>[0]> = {}) {
  return chooseCliHost({
    args: ['--json', 'jobs', 'list'],
    env: { DISPLAY: ':0', PATH: '/usr/bin' },
    platform: 'linux',
    outDir,
    electronBinary: electron,
    exists: (path) => built.has(path),
    ...overrides,
  })
}

describe('which runtime runs switchboard', () => {
  it('the app’s Electron when its binary and the host entry are there, with the arguments after the entry', () => {
    expect(choose({ env: { DISPLAY: ':0', ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin' } })).toEqual({
      host: 'electron',
      command: electron,
      args: [join(outDir, 'cliHost.js'), '--json', 'jobs', 'list'],
      // ELECTRON_RUN_AS_NODE would turn Electron into a Node without safeStorage.
      env: { DISPLAY: ':0', PATH: '/usr/bin' },
    })
  })

  it('needs no display on macOS or Windows', () => {
    expect(choose({ platform: 'darwin', env: {} }).host).toBe('electron')
    expect(choose({ platform: 'win32', env: {} }).host).toBe('electron')
    expect(choose({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }).host).toBe('electron')
  })

  it('plain Node, with the reason, otherwise', () => {
    const node = (reason: RegExp) => ({ host: 'node', entry: join(outDir, 'cli.js'), reason: expect.stringMatching(reason) })
    expect(choose({ env: { DISPLAY: ':0', SWITCHBOARD_CLI_NODE: '1' } })).toEqual(node(/SWITCHBOARD_CLI_NODE/))
    expect(choose({ electronBinary: undefined })).toEqual(node(/no Electron binary/))
    expect(choose({ exists: (path) => path !== electron && built.has(path) })).toEqual(node(/no Electron binary/))
    expect(choose({ exists: (path) => path !== join(outDir, 'cliHost.js') && built.has(path) })).toEqual(node(/not built/))
    expect(choose({ env: {} })).toEqual(node(/no display/))
  })
})

describe('where the Electron binary is', () => {
  const packageJson = '/opt/switchboard/node_modules/electron/package.json'
  const files: Record<string, string> = { '/opt/switchboard/node_modules/electron/path.txt': 'electron\n' }
  const readText = (path: string) => {
    if (!(path in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    return files[path]
  }

  it('as the electron package records it, without loading the package (which would download a missing binary)', () => {
    expect(findElectronBinary({ resolvePackage: () => packageJson, readText, env: {} })).toBe(electron)
    expect(findElectronBinary({ resolvePackage: () => packageJson, readText, env: { ELECTRON_OVERRIDE_DIST_PATH: '/custom' } })).toBe(
      '/custom/electron',
    )
  })

  it('none when the package or its path.txt is missing', () => {
    const missing = () => {
      throw new Error('Cannot find module')
    }
    expect(findElectronBinary({ resolvePackage: missing, readText, env: {} })).toBeUndefined()
    expect(findElectronBinary({ resolvePackage: () => '/elsewhere/package.json', readText, env: {} })).toBeUndefined()
    // As the electron package does: an override names a binary even when none was downloaded.
    expect(
      findElectronBinary({ resolvePackage: () => '/elsewhere/package.json', readText, env: { ELECTRON_OVERRIDE_DIST_PATH: '/custom' } }),
    ).toBe('/custom/electron')
  })
})
