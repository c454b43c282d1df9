import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEvent } from '../../src/shared/api'
import type { FieldDef, SchemaChangedSignal } from '../../src/shared/contract/schemas'
import { expectRecordedAppEvent } from './helpers/appEvents'
import { api, getToken } from './sandbox-helpers'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

const SCHEMAS = '/api/v2/externalcontacts/contacts/schemas'
const CUSTOMER = '3b8f2a64-1c3e-4f0a-9d61-7c2e5b9a4d10'
const ENTITLEMENTS = '8d41c7e2-5a9b-4e3f-b0c8-2f6d1e7a9b21'

let s: CoreSession
let dir: string
const updates: AppEvent[] = []
const changedSignals: SchemaChangedSignal[] = []
beforeAll(async () => {
  s = await startCoreSession()
  s.core.onAppEvent((e) => updates.push(e))
  s.core.on('schema.changed', (e) => changedSignals.push(e))
  dir = await mkdtemp(join(tmpdir(), 'switchboard-schemas-'))
})
afterAll(async () => {
  await s.close()
  await rm(dir, { recursive: true, force: true })
})

const edit = (fields: FieldDef[], key: string, change: (f: FieldDef) => FieldDef | undefined) =>
  fields.flatMap((f) => (f.key === key ? [change(f)].filter((x): x is FieldDef => x !== undefined) : [f]))

type Raw = { version: number; jsonSchema: { properties: Record<string, Record<string, unknown>>; required: string[] } }

/** The other admin: a second client, straight to the API with its own token. */
async function otherAdminChanges(schemaId: string, change: (doc: Raw) => void): Promise<number> {
  const token = await getToken(s.sandbox)
  const current = (await (await api(s.sandbox, `${SCHEMAS}/${schemaId}`, token)).json()) as Raw
  change(current)
  const response = await api(s.sandbox, `${SCHEMAS}/${schemaId}`, token, { method: 'PUT', body: current })
  expect(response.status).toBe(200)
  return ((await response.json()) as Raw).version
}

async function serverSchema(schemaId: string): Promise<Raw> {
  const token = await getToken(s.sandbox)
  return (await (await api(s.sandbox, `${SCHEMAS}/${schemaId}`, token)).json()) as Raw
}

describe('schema migrations against the sandbox', () => {
  it('a second admin changes the schema between read and apply: 409, rebase, nothing lost on either side', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: CUSTOMER })
    expect(read.version).toBe(3)

    let proposed = edit(read.fields, 'notes_longtext', (f) => ({ ...f, maxLength: 500 }))
    proposed = edit(proposed, 'loyalty_tier_enum', (f) => ({
      ...f,
      options: [...f.options!, { value: 'diamond', title: 'Diamond', disabled: false }],
    }))
    proposed = edit(proposed, 'vip_checkbox', () => undefined)
    proposed = [
      ...proposed,
      {
        key: 'segment_enum',
        name: 'segment',
        type: 'enum',
        title: 'Segment',
        required: false,
        options: [
          { value: 'smb', title: 'SMB' },
          { value: 'ent', title: 'Enterprise' },
        ],
      },
    ]
    const review = await core.handlers['schemas.review']({ schemaId: CUSTOMER, baseVersion: 3, proposed })
    expect(review.changes.map((c) => [c.name, c.kind, c.classification])).toEqual([
      ['loyalty_tier', 'changed', 'safe'],
      ['vip', 'removed', 'destructive'],
      ['notes', 'changed', 'data-dependent'],
      ['segment', 'added', 'safe'],
    ])
    expect(review.limitViolations).toEqual([])

    const theirVersion = await otherAdminChanges(CUSTOMER, (doc) => {
      const p = doc.jsonSchema.properties
      p.crm_profile_url.title = 'CRM record'
      ;(p.loyalty_tier_enum.enum as string[]).push('iron')
      ;(p.loyalty_tier_enum._enumProperties as Record<string, unknown>).iron = { title: 'Iron', _disabled: false }
      p.notes_longtext.maxLength = 800
    })
    expect(theirVersion).toBe(4)

    const ticked = review.changes.map((c) => c.id)
    const first = await core.handlers['schemas.apply']({
      schemaId: CUSTOMER,
      baseVersion: 3,
      proposed,
      ticked,
      confirmation: 'Customer profile',
    })
    if (first.outcome !== 'rebased') throw new Error('expected a rebase')
    const rebased = first.review
    expect(rebased.baseVersion).toBe(4)
    expect(rebased.rebase).toMatchObject({ baseVersion: 3, theirVersion: 4, merged: ['loyalty_tier'] })
    expect(rebased.rebase!.theirChanges.map((c) => c.name).sort()).toEqual(['crm_profile', 'loyalty_tier', 'notes'])
    expect(rebased.rebase!.conflicts.map((c) => [c.name, c.theirs?.maxLength, c.mine?.maxLength])).toEqual([['notes', 800, 500]])
    // Nothing was sent after the 409: the server still has their version.
    expect((await serverSchema(CUSTOMER)).version).toBe(4)
    // Their change is kept in the rebased proposal; ours are replayed on top.
    const loyalty = rebased.proposed.find((f) => f.key === 'loyalty_tier_enum')!
    expect(loyalty.options!.map((o) => o.value)).toEqual(['bronze', 'silver', 'gold', 'platinum', 'iron', 'diamond'])
    expect(rebased.proposed.find((f) => f.key === 'crm_profile_url')?.title).toBe('CRM record')
    expect(rebased.proposed.find((f) => f.key === 'notes_longtext')?.maxLength).toBe(800)

    // The admin decides the conflict (take mine), reviews again and re-applies.
    const conflict = rebased.rebase!.conflicts[0]
    const resolved = edit(rebased.proposed, 'notes_longtext', () => conflict.mine)
    const again = await core.handlers['schemas.review']({ schemaId: CUSTOMER, baseVersion: 4, proposed: resolved })
    expect(again.changes.map((c) => c.name).sort()).toEqual(['loyalty_tier', 'notes', 'segment', 'vip'])
    const second = await core.handlers['schemas.apply']({
      schemaId: CUSTOMER,
      baseVersion: 4,
      proposed: resolved,
      ticked: again.changes.map((c) => c.id),
      confirmation: 'Customer profile',
    })
    expect(second).toMatchObject({ outcome: 'applied', fromVersion: 4, schema: { version: 5 } })

    const final = await serverSchema(CUSTOMER)
    const p = final.jsonSchema.properties
    expect(final.version).toBe(5)
    expect(p.crm_profile_url.title).toBe('CRM record')
    expect(p.loyalty_tier_enum.enum).toEqual(['bronze', 'silver', 'gold', 'platinum', 'iron', 'diamond'])
    expect(p.notes_longtext.maxLength).toBe(500)
    expect(p.segment_enum).toMatchObject({ allOf: [{ $ref: '#/definitions/enum' }], enum: ['smb', 'ent'] })
    expect(p.vip_checkbox).toBeUndefined()
    expect(updates.map((e) => [e.type, e.payload])).toEqual([
      [
        'schema.updated',
        {
          profileId: 'sandbox',
          schemaId: CUSTOMER,
          fromVersion: 4,
          toVersion: 5,
          fields: expect.arrayContaining(['vip', 'notes', 'segment']),
        },
      ],
    ])
    expect(changedSignals).toEqual([{ schemaId: CUSTOMER, version: 5 }])

    const audit = await core.handlers['audit.tail']({ limit: 100 })
    expectRecordedAppEvent(updates[0], audit)
    const mine = audit.filter((e) => e.action.startsWith('schema.')).reverse()
    expect(mine.map((e) => [e.action, e.outcome])).toEqual([
      ['schema.apply', 'error'],
      ['schema.rebase', 'ok'],
      ['schema.apply', 'ok'],
    ])
    expect(mine[0].detail).toMatchObject({ conflict: true, status: 409, fromVersion: 3 })
    expect(mine[1].detail).toMatchObject({ baseVersion: 3, theirVersion: 4, conflicts: 1, conflictFields: 'notes' })
    expect(mine[2].detail).toMatchObject({ fromVersion: 4, toVersion: 5, removed: 1, added: 1, destructive: 1 })
    // Names and kinds of change only: no option labels or limits in the log.
    // (Only the details: hashes and ids elsewhere in a line may contain any digits.)
    expect(JSON.stringify(mine.map((e) => e.detail))).not.toMatch(/Diamond|Enterprise|\b500\b/)
    expect((await core.handlers['audit.verify']({})).ok).toBe(true)
  })

  it('applies only what is ticked, and refuses destructive changes without the typed confirmation', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: ENTITLEMENTS })
    const proposed = edit(
      edit(read.fields, 'region_text', (f) => ({ ...f, title: 'Territory' })),
      'portal_url',
      () => undefined,
    )
    const review = await core.handlers['schemas.review']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed })
    const removal = review.changes.find((c) => c.kind === 'removed')!
    await expect(
      core.handlers['schemas.apply']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: [removal.id] }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/destructive/) })
    await expect(
      core.handlers['schemas.apply']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: [] }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      core.handlers['schemas.apply']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: ['nope_text'] }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    const titleOnly = review.changes.find((c) => c.name === 'region')!
    const result = await core.handlers['schemas.apply']({
      schemaId: ENTITLEMENTS,
      baseVersion: read.version,
      proposed,
      ticked: [titleOnly.id],
    })
    expect(result.outcome).toBe('applied')
    const final = await serverSchema(ENTITLEMENTS)
    expect(final.jsonSchema.properties.region_text.title).toBe('Territory')
    expect(final.jsonSchema.properties.portal_url).toBeDefined()
  })

  it('refuses changes beyond the limits before sending anything', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: ENTITLEMENTS })
    const proposed = edit(read.fields, 'region_text', (f) => ({ ...f, maxLength: 150 }))
    const review = await core.handlers['schemas.review']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed })
    expect(review.limitViolations.map((v) => v.rule)).toEqual(['typeMaxLength'])
    s.sandbox.resetStats()
    await expect(
      core.handlers['schemas.apply']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: [review.changes[0].id] }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ rule: 'typeMaxLength' })] })
    expect(s.sandbox.stats().byRoute['PUT /api/v2/externalcontacts/contacts/schemas/:schemaId']).toBeUndefined()
  })

  it('settles a PUT whose answer was lost by reading the schema back, never by sending it again', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: ENTITLEMENTS })
    const proposed = edit(read.fields, 'escalation_contact_text', (f) => ({ ...f, title: 'Escalate to' }))
    const review = await core.handlers['schemas.review']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed })
    const input = { schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: [review.changes[0].id] }

    // Refused before it was applied (503 on the PUT): nothing changed, and the error says so.
    s.sandbox.setFaults({ errorRate5xx: 1, methods: ['PUT'] })
    await expect(core.handlers['schemas.apply'](input)).rejects.toMatchObject({
      code: 'server_error',
      hint: expect.stringMatching(new RegExp(`still at version ${read.version}`)),
    })
    // Applied, but the connection was cut before the answer: read back, it is there, so it counts as applied.
    s.sandbox.setFaults({ resetRate: 1, methods: ['PUT'] })
    s.sandbox.resetStats()
    const result = await core.handlers['schemas.apply'](input).finally(() => s.sandbox.setFaults({}))
    expect(result).toMatchObject({ outcome: 'applied', schema: { version: read.version + 1 } })
    expect(s.sandbox.stats().byRoute['PUT /api/v2/externalcontacts/contacts/schemas/:schemaId']).toBe(1)
    const last = (await core.handlers['audit.tail']({ limit: 30 })).find((e) => e.action === 'schema.apply')
    expect(last).toMatchObject({ outcome: 'ok', detail: { verifiedAfter: 'network', toVersion: read.version + 1 } })
  })

  it('shows version history and the diff between any two versions', async () => {
    const versions = await s.core.handlers['schemas.versions']({ schemaId: CUSTOMER })
    expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1])
    const diff = await s.core.handlers['schemas.compare']({ schemaId: CUSTOMER, fromVersion: 1, toVersion: 3 })
    expect(diff.changes.filter((c) => c.kind === 'added').map((c) => c.name)).toEqual([
      'lifetime_value',
      'open_tickets',
      'preferred_language',
      'crm_profile',
      'interests',
      'customer_since',
      'last_contacted',
    ])
    expect(diff.changes.find((c) => c.name === 'loyalty_tier')?.attributes.map((a) => a.kind)).toEqual(['option.added'])
  })

  it('names who saved each version, asking the directory once per user; deleted or hidden users keep the id and say why', async () => {
    s.sandbox.resetStats()
    const versions = await s.core.handlers['schemas.versions']({ schemaId: CUSTOMER })
    const byVersion = new Map(versions.map((v) => [v.version, v]))
    expect(byVersion.get(3)).toMatchObject({ createdByName: 'Dana Whitfield' })
    expect(byVersion.get(2)).toMatchObject({ createdByName: 'Marcus Okafor' })
    expect(byVersion.get(4)).toMatchObject({ createdByName: 'Switchboard Sandbox client' })
    expect(byVersion.get(1)).toMatchObject({ createdBy: expect.any(String), createdByNote: expect.stringMatching(/deleted/) })
    expect(byVersion.get(1)?.createdByName).toBeUndefined()
    const lookups = () => s.sandbox.stats().byRoute['GET /api/v2/users/:userId'] ?? 0

    const hidden = await s.core.handlers['schemas.versions']({ schemaId: ENTITLEMENTS })
    const first = hidden.find((v) => v.version === 1)!
    expect(first.createdByName).toBeUndefined()
    expect(first.createdByNote).toMatch(/directory:user:view/)
    expect(lookups()).toBeGreaterThan(0)

    // Cached per profile: a second look asks nothing, the deleted and hidden users included.
    const before = lookups()
    await s.core.handlers['schemas.versions']({ schemaId: CUSTOMER })
    await s.core.handlers['schemas.versions']({ schemaId: ENTITLEMENTS })
    expect(lookups()).toBe(before)
  })

  it('exports the review as JSON and Markdown into a folder the admin names, and imports a proposal from a file', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: ENTITLEMENTS })
    const proposed = edit(read.fields, 'seats_integer', (f) => ({ ...f, maximum: 500 }))
    const paths = await core.handlers['schemas.exportReview']({
      schemaId: ENTITLEMENTS,
      baseVersion: read.version,
      proposed,
      ticked: ['seats_integer'],
      directory: dir,
    })
    expect((await readdir(dir)).sort()).toEqual([paths.jsonPath, paths.reportPath].map((p) => p.slice(dir.length + 1)).sort())
    const report = await readFile(paths.reportPath, 'utf8')
    expect(report).toContain('# Schema change review: Support entitlements')
    expect(report).toMatch(/\| yes \| seats \| changed \| Data-dependent \|/)
    const exported = JSON.parse(await readFile(paths.jsonPath, 'utf8'))
    expect(exported).toMatchObject({ kind: 'switchboard.schemaReview', ticked: ['seats_integer'] })
    expect(exported.proposedJsonSchema.properties.seats_integer.maximum).toBe(500)
    await expect(
      core.handlers['schemas.exportReview']({
        schemaId: ENTITLEMENTS,
        baseVersion: read.version,
        proposed,
        ticked: [],
        directory: 'relative/dir',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' })

    // The exported file is also a valid proposal to import (e.g. after an approver's edit).
    const imported = await core.handlers['schemas.importProposal']({
      schemaId: ENTITLEMENTS,
      baseVersion: read.version,
      path: paths.jsonPath,
    })
    expect(imported.changes.map((c) => [c.name, c.classification])).toEqual([['seats', 'data-dependent']])
    const broken = join(dir, 'broken.json')
    await writeFile(broken, '{"jsonSchema": ')
    await expect(
      core.handlers['schemas.importProposal']({ schemaId: ENTITLEMENTS, baseVersion: read.version, path: broken }),
    ).rejects.toMatchObject({ code: 'file', message: expect.stringMatching(/not valid JSON/) })
    const actions = (await core.handlers['audit.tail']({ limit: 20 })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['schema.review.export', 'schema.import']))
  })

  it('treats a type change as destructive: values under the old key are hidden, so it needs the typed schema name', async () => {
    const { core } = s
    const read = await core.handlers['schemas.get']({ schemaId: ENTITLEMENTS })
    const proposed = edit(read.fields, 'seats_integer', (f) => ({
      ...f,
      key: 'seats_text',
      type: 'text',
      minimum: undefined,
      maximum: undefined,
    }))
    const review = await core.handlers['schemas.review']({ schemaId: ENTITLEMENTS, baseVersion: read.version, proposed })
    expect(review.changes.map((c) => [c.name, c.kind, c.classification])).toEqual([['seats', 'changed', 'destructive']])
    expect(review.changes[0].reason).toContain('values stored under seats_integer will no longer be shown')
    const input = { schemaId: ENTITLEMENTS, baseVersion: read.version, proposed, ticked: [review.changes[0].id] }
    s.sandbox.resetStats()
    await expect(core.handlers['schemas.apply'](input)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/destructive \(seats\) and were not confirmed/),
    })
    await expect(core.handlers['schemas.apply']({ ...input, confirmation: 'support entitlements' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(s.sandbox.stats().byRoute['PUT /api/v2/externalcontacts/contacts/schemas/:schemaId']).toBeUndefined()
    const applied = await core.handlers['schemas.apply']({ ...input, confirmation: 'Support entitlements' })
    expect(applied.outcome).toBe('applied')
    expect(Object.keys((await serverSchema(ENTITLEMENTS)).jsonSchema.properties)).toContain('seats_text')
  })
})
