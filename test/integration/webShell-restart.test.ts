import { createServer, type Server } from 'node:net'
import { stat } from 'node:fs/promises'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWebRuntime, runtimeFilePath } from '../../src/main/web/runtimeFile'
import { startStableWebShell } from '../../src/main/web/stableStart'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

let session: CoreSession
let rendererDir: string

beforeAll(async () => {
  session = await startCoreSession()
  rendererDir = await mkdtemp(join(tmpdir(), 'switchboard-renderer-'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')
})

afterAll(async () => {
  await session.close()
  await rm(rendererDir, { recursive: true, force: true })
})

function start(extra: { explicitPort?: number; newToken?: boolean; say?: (line: string) => void } = {}) {
  return startStableWebShell({ core: session.core, rendererDir, dataDir: session.dataDir, ...extra })
}

async function invokeStatus(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/invoke/app.info`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  })
  return response.status
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

describe('web shell restarts on the same data folder', () => {
  it('reuses the port and the token, kept in a 0600 runtime file, so an open tab can reconnect', async () => {
    const first = await start()
    const { port, token } = first
    await first.close()

    const mode = (await stat(runtimeFilePath(session.dataDir))).mode & 0o777
    expect(mode.toString(8)).toBe('600')
    expect(await readWebRuntime(session.dataDir)).toEqual({ port, token })

    const second = await start()
    try {
      expect(second.port).toBe(port)
      expect(second.token).toBe(token)
      expect(second.appUrl).toBe(first.appUrl)
      // The token an open tab holds is still accepted.
      expect(await invokeStatus(second.port, token)).toBe(200)
    } finally {
      await second.close()
    }
  })

  it('--new-token rotates the token: the old one is refused, the port stays', async () => {
    const before = await readWebRuntime(session.dataDir)
    const said: string[] = []
    const web = await start({ newToken: true, say: (line) => said.push(line) })
    try {
      expect(web.port).toBe(before?.port)
      expect(web.token).not.toBe(before?.token)
      expect(await invokeStatus(web.port, before?.token ?? 'x'.repeat(43))).toBe(401)
      expect(said.join('\n')).toMatch(/new access token/)
      expect((await readWebRuntime(session.dataDir))?.token).toBe(web.token)
    } finally {
      await web.close()
    }
  })

  it('when another program took the stored port, picks a new one and says so', async () => {
    const before = await readWebRuntime(session.dataDir)
    if (!before) throw new Error('no runtime file from the tests before')
    const squatter = await occupy(before.port)
    const said: string[] = []
    try {
      const web = await start({ say: (line) => said.push(line) })
      try {
        expect(web.port).not.toBe(before.port)
        expect(web.token).toBe(before.token)
        expect(said.join('\n')).toContain(`Port ${before.port} (used last time) is taken by another program`)
        expect((await readWebRuntime(session.dataDir))?.port).toBe(web.port)
      } finally {
        await web.close()
      }
    } finally {
      await new Promise((resolve) => squatter.close(resolve))
    }
  })

  it('an explicit --port wins over the stored one', async () => {
    const probe = await occupy(0)
    const free = (probe.address() as { port: number }).port
    await new Promise((resolve) => probe.close(resolve))
    const web = await start({ explicitPort: free })
    try {
      expect(web.port).toBe(free)
    } finally {
      await web.close()
    }
  })
})
