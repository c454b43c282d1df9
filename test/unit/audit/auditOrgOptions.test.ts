import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAuditLog, SYSTEM_SCOPE } from '../../../src/main/core/audit'
import { makeTempDir, removeDir } from './auditTestKit'

describe('the Org filter options (audit metrics values.orgs)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('lists real org names only: not the "" of system entries, nor the "-" older system entries were written with', async () => {
    const log = await openAuditLog({ dir, now: () => new Date(Date.UTC(2025, 2, 1)), guard: 'throw' })
    log.append({ ...SYSTEM_SCOPE, action: 'audit.settings', target: 'retention', outcome: 'ok' })
    // As written before issue 10, and kept as written: the chain covers it.
    log.append({ profile: 'switchboard', org: '-', action: 'audit.rotate', target: 'x', outcome: 'ok' })
    log.append({ profile: 'Prod', org: 'Acme EU', action: 'api.call', target: 'GET /x', outcome: 'ok' })
    log.append({ profile: 'Prod', org: '', action: 'profile.update', target: 'https://api.mypurecloud.de', outcome: 'ok' })
    log.append({ profile: 'switchboard', org: '-', action: 'audit.archive', target: 'x', outcome: 'ok' })
    log.append({ profile: 'Odd', org: '-', action: 'api.call', target: 'GET /y', outcome: 'ok' })
    const metrics = await log.metrics()
    await log.close()
    expect(SYSTEM_SCOPE).toEqual({ profile: 'switchboard', org: '' })
    // An org truly named "-" (not a system entry) stays a choice.
    expect(metrics.values.orgs).toEqual(['-', 'Acme EU'])
    expect(metrics.values.profiles).toEqual(['Odd', 'Prod', 'switchboard'])
  })
})
