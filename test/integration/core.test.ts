import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StatusSnapshot } from '../../src/shared/api'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

const sessions: CoreSession[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()))
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

async function session(dataDir?: string): Promise<CoreSession> {
  const s = await startCoreSession({}, dataDir)
  sessions.push(s)
  return s
}

describe('settings in plain Node (conf)', () => {
  it('keeps a corrupt settings file as a backup, starts with defaults and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-corrupt-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'config.json'), '{"profiles": [ {"id": "torn')
    const { core } = await session(dir)
    const info = await core.handlers['app.info']({})
    const notice = info.notices.find((n) => n.id.startsWith('settings-corrupt-'))
    expect(notice?.level).toBe('error')
    expect(notice?.message).toMatch(/could not be read/)
    const backup = readdirSync(dir).find((f) => f.startsWith('config.corrupt-'))
    expect(backup).toBeDefined()
    expect(readFileSync(join(dir, backup as string), 'utf8')).toBe('{"profiles": [ {"id": "torn')
    expect(notice?.hint).toContain(backup)
    expect(await core.handlers['profiles.list']({})).toHaveLength(1)
  })

  it('treats a file holding null as unreadable too, instead of overwriting it later', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-null-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'config.json'), 'null')
    const { core } = await session(dir)
    expect((await core.handlers['app.info']({})).notices.some((n) => n.id.startsWith('settings-corrupt-'))).toBe(true)
  })
})

describe('profiles', () => {
  it('keeps the Sandbox profile built in, persists added ones across restarts, and audits each change', async () => {
    const first = await session()
    const { core } = first
    await expect(core.handlers['profiles.remove']({ id: 'sandbox' })).rejects.toMatchObject({ code: 'invalid_input' })
    const saved = await core.handlers['profiles.save']({
      name: 'Prod EU',
      region: 'eu-central-1',
      clientId: 'abcdef12-0000',
      clientSecret: 's3cret-value-123',
    })
    expect(saved).toMatchObject({ apiBase: 'https://api.mypurecloud.de', hasSecret: true, active: false })
    await expect(
      core.handlers['profiles.save']({ name: 'prod eu', region: 'eu-west-1', clientId: 'abcdef12-0001', clientSecret: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await core.handlers['profiles.setActive']({ id: saved.id })
    await core.close()
    sessions.splice(sessions.indexOf(first), 1)

    const second = await session(first.dataDir)
    const list = await second.core.handlers['profiles.list']({})
    expect(list.map((p) => [p.name, p.active])).toEqual([
      ['Sandbox org', false],
      ['Prod EU', true],
    ])
    const actions = (await second.core.handlers['audit.tail']({ limit: 20 })).map((e) => e.action)
    expect(actions).toContain('profile.add')
    expect((await second.core.handlers['audit.verify']({})).ok).toBe(true)
    await first.sandbox.close()
  })

  it('publishes status changes: connecting, connected with the org name, and API calls counted', async () => {
    const { core } = await session()
    const seen: StatusSnapshot[] = []
    core.on('status.changed', (s) => seen.push(s))
    await core.handlers['profiles.test']({ id: 'sandbox' })
    await vi.waitFor(
      () => {
        expect(seen.map((s) => s.connection)).toContain('connecting')
        const last = seen[seen.length - 1]
        expect(last).toMatchObject({ connection: 'connected', orgName: 'Sandbox Contact Centre', rateLimitSource: 'headers' })
        expect(last.callsLastMinute).toBeGreaterThanOrEqual(1)
      },
      { timeout: 10_000, interval: 20 },
    )
  })

  it('shows the org as connected once any workflow call is answered, without a connection test', async () => {
    // Privacy reads the org's requests at start: a slow login keeps that from answering before the first look.
    const s = await startCoreSession({ faults: { latencyMs: 3000, routes: '^/oauth/token$' } })
    sessions.push(s)
    const { core } = s
    expect((await core.handlers['status.get']({})).connection).toBe('unknown')
    await core.handlers['schemas.list']({})
    const status = await vi.waitFor(
      async () => {
        const now = await core.handlers['status.get']({})
        expect(now.connection).toBe('connected')
        expect(now.callsLastMinute).toBeGreaterThan(0)
        return now
      },
      { timeout: 10_000, interval: 20 },
    )
    expect(status.orgName).toBe('Sandbox Contact Centre')
    const schemaCalls = (await core.handlers['audit.tail']({ limit: 50 })).filter(
      (e) => e.action === 'api.call' && e.target.includes('/schemas'),
    )
    expect(schemaCalls.length).toBeGreaterThan(0)
  })

  it('refuses to open anything but https links', async () => {
    const { core } = await session()
    await expect(core.handlers['shell.openExternal']({ url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(core.handlers['shell.openExternal']({ url: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await core.handlers['shell.openExternal']({ url: 'https://help.mypurecloud.com/' })).toEqual({ opened: false })
  })
})

describe('audit of the session', () => {
  it('writes every API call with its correlation id and no secret', async () => {
    const s = await session()
    await s.core.handlers['profiles.test']({ id: 'sandbox' })
    const entries = await s.core.handlers['audit.tail']({ limit: 50 })
    const call = entries.find((e) => e.action === 'api.call' && e.target === 'GET /api/v2/organizations/me')
    expect(call?.correlationId).toMatch(/^[0-9a-f-]{36}$/)
    const file = readFileSync(join(s.dataDir, 'audit', 'audit.jsonl'), 'utf8')
    expect(file).not.toContain(s.sandbox.clientSecret)
    for (const token of s.sandbox.issuedTokens()) expect(file).not.toContain(token)
    expect(existsSync(join(s.dataDir, 'audit', 'audit.jsonl'))).toBe(true)
  })
})
