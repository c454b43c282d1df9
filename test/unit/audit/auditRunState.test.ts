import { spawnSync } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAuditLog } from '../../../src/main/core/audit'
import { makeTempDir, removeDir } from './auditTestKit'

/** A pid no process has now: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number
}

function record(pid: number, cleanShutdown: boolean, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    cleanShutdown,
    pid,
    startedAt: '2026-01-01T09:00:00.000Z',
    lastDurableAt: '2026-01-01T09:10:00.000Z',
    aliveAt: '2026-01-01T09:10:04.000Z',
    ...extra,
  })
}

describe('audit run records', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it("reads an older version's shared audit.state.json once: a dead run is reported, and the file is removed", async () => {
    const pid = deadPid()
    await writeFile(join(dir, 'audit.state.json'), record(pid, false))
    const log = await openAuditLog({ dir })
    expect(log.startupReport.uncleanStop).toEqual({ lostFrom: '2026-01-01T09:10:00.000Z', lostUntil: '2026-01-01T09:10:04.000Z' })
    const [entry] = (await log.query({ filter: { action: 'audit.unclean_stop' } })).entries
    expect(entry.detail).toMatchObject({ pid, lostFrom: '2026-01-01T09:10:00.000Z', lostUntil: '2026-01-01T09:10:04.000Z' })
    await log.close()
    expect((await readdir(dir)).filter((n) => n.startsWith('audit.state') || n === 'audit.runs')).toEqual(['audit.runs'])
    expect(await readdir(join(dir, 'audit.runs'))).toEqual([])
    const again = await openAuditLog({ dir })
    expect(again.startupReport.uncleanStop).toBeUndefined()
    await again.close()
  })

  it('reports each stopped run on its own and one window covering them all; a run on another computer counts as stopped once silent', async () => {
    const first = deadPid()
    await openAuditLog({ dir }).then((log) => log.close())
    await writeFile(join(dir, 'audit.runs', `${first}-a.json`), record(first, false))
    // Another computer on a shared folder: its pid means nothing here, its heartbeat stopped long ago.
    await writeFile(
      join(dir, 'audit.runs', '1-b.json'),
      record(1, false, {
        host: 'elsewhere',
        startedAt: '2026-01-02T09:00:00.000Z',
        lastDurableAt: '2026-01-02T09:00:00.000Z',
        aliveAt: '2026-01-02T10:00:00.000Z',
      }),
    )
    // ... and one on another computer seen alive just now is left alone.
    const now = new Date().toISOString()
    await writeFile(join(dir, 'audit.runs', '2-c.json'), record(2, false, { host: 'elsewhere', aliveAt: now }))
    const log = await openAuditLog({ dir })
    expect(log.startupReport.uncleanStop).toEqual({ lostFrom: '2026-01-01T09:10:00.000Z', lostUntil: '2026-01-02T10:00:00.000Z' })
    const entries = (await log.query({ filter: { action: 'audit.unclean_stop' } })).entries
    expect(entries.map((e) => e.detail?.pid).sort()).toEqual([1, first].sort())
    await log.close()
    expect(await readdir(join(dir, 'audit.runs'))).toEqual(['2-c.json'])
  })
})
