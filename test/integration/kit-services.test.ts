/**
 * The kit's services in a real core. One audit scope (issue 10): entries about a profile name its profile and org the same way
 * (services.scope), entries about the app itself name no org (''), so the audit Org filter offers no
 * "-" and an exported row of a system entry has an empty org cell.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEntry, JobView } from '../../src/shared/api'
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

async function entries(s: CoreSession): Promise<AuditEntry[]> {
  return (await s.core.handlers['audit.query']({ offset: 0, limit: 1000 })).entries
}

function finished(s: CoreSession, id: string): Promise<JobView> {
  return new Promise((resolve) => {
    const off = s.core.on('job.progress', (job) => {
      if (job.id === id && ['done', 'failed', 'cancelled'].includes(job.state)) {
        off()
        resolve(job)
      }
    })
  })
}

describe('audit scope', () => {
  it('names the org of entries about a profile, and no org ("", never "-") on the app\'s own entries', async () => {
    const s = await session()
    // An entry about the active profile, before anything connected: the scope reads the org's name itself.
    await s.core.handlers['uploads.settings.set']({ concurrency: 2 })
    const orgName = (await s.core.handlers['profiles.test']({ id: 'sandbox' })).orgName
    // An entry about the app itself.
    const retention = (await s.core.handlers['audit.settings.get']({})).settings
    await s.core.handlers['audit.settings.set']({ ...retention, keepClosedSegments: 5 })

    const all = await entries(s)
    const uploads = all.find((e) => e.action === 'uploads.settings.change')
    expect(uploads).toMatchObject({ profile: 'Sandbox org', org: orgName })
    expect(orgName).not.toBe('')
    const system = all.find((e) => e.action === 'audit.settings')
    expect(system).toMatchObject({ profile: 'switchboard', org: '' })
    expect(all.filter((e) => e.profile === 'switchboard').map((e) => e.org)).not.toContain('-')
    // The renderer's row text: [profile, org].filter(Boolean).join(' · ').
    expect([system?.profile, system?.org].filter(Boolean).join(' · ')).toBe('switchboard')
  })

  it('offers only real org names in the Org filter, and exports system rows with an empty org cell', async () => {
    const s = await session()
    const orgName = (await s.core.handlers['profiles.test']({ id: 'sandbox' })).orgName
    const retention = (await s.core.handlers['audit.settings.get']({})).settings
    await s.core.handlers['audit.settings.set']({ ...retention, maxSegmentMiB: 32 })

    const metrics = await s.core.handlers['audit.metrics']({})
    expect(metrics.values.orgs).toEqual([orgName])
    expect(metrics.values.profiles).toContain('switchboard')

    const folder = await mkdtemp(join(tmpdir(), 'switchboard-scope-export-'))
    dirs.push(folder)
    const path = join(folder, 'audit.csv')
    const started = await s.core.handlers['audit.export']({ format: 'csv', path, overwrite: false })
    const done = finished(s, started.job.id)
    expect((await done).state).toBe('done')
    const rows = parse(await readFile(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[]
    const system = rows.find((r) => r.action === 'audit.settings')
    expect(system).toMatchObject({ profile: 'switchboard', org: '' })
    expect(rows.filter((r) => r.profile === 'switchboard').every((r) => r.org === '')).toBe(true)
    expect(rows.find((r) => r.action === 'connection.test')?.org).toBe(orgName)
  })
})

describe('settings slices in the core', () => {
  it('starts with the defaults of a hand-edited bad field, keeps the good ones, and tells the admin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-slices-'))
    dirs.push(dir)
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ uploads: { concurrency: 'lots', maxFileBytes: 1234 }, auditRetention: { maxSegmentMiB: 8, keepClosedSegments: 2 } }),
    )
    const s = await session(dir)
    expect(await s.core.handlers['uploads.settings.get']({})).toMatchObject({ concurrency: 3, maxFileBytes: 1234 })
    expect((await s.core.handlers['audit.settings.get']({})).settings).toEqual({ maxSegmentMiB: 8, keepClosedSegments: 2 })
    const notices = (await s.core.handlers['app.info']({})).notices
    expect(notices.filter((n) => n.id.startsWith('settings-invalid-')).map((n) => n.id)).toEqual(['settings-invalid-uploads'])
    expect(notices.find((n) => n.id === 'settings-invalid-uploads')?.message).toContain('concurrency')
  })
})
