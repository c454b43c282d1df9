import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

test.skip(!existsSync('node_modules/electron/dist'), 'no Electron binary on this machine')

test('the desktop app opens a hardened window with only the bridge exposed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-electron-e2e-'))
  const app = await electron.launch({ args: ['out/main/index.js'], env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir } })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle(/Switchboard/)
    // The built renderer comes from the app:// protocol (so its CSP is a header), never from file://.
    expect(page.url()).toMatch(/^app:\/\/switchboard\/index\.html(#.*)?$/)

    const exposed = await page.evaluate(() => {
      const bridge = (globalThis as unknown as { switchboard?: Record<string, unknown> }).switchboard
      const globals = globalThis as Record<string, unknown>
      return {
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
        bridgeHasRequire: bridge ? 'require' in bridge : true,
        bridgeHasProcess: bridge ? 'process' in bridge : true,
        pageRequire: typeof globals.require,
        pageProcess: typeof globals.process,
        shell: bridge?.shell,
      }
    })
    expect(exposed).toEqual({
      bridgeKeys: ['invoke', 'on', 'pathForFile', 'shell'],
      bridgeHasRequire: false,
      bridgeHasProcess: false,
      pageRequire: 'undefined',
      pageProcess: 'undefined',
      shell: 'electron',
    })

    const info = await page.evaluate(async () => {
      const bridge = (
        globalThis as unknown as { switchboard: { invoke(m: string, i: unknown): Promise<{ ok: boolean; value?: { shell?: string } }> } }
      ).switchboard
      return bridge.invoke('app.info', {})
    })
    expect(info.ok).toBe(true)
    expect(info.value?.shell).toBe('electron')
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
