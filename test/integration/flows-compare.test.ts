/**
 * flows.compare against the real sandbox: two versions of a seeded flow, a version and an archived file
 * (written in the manifest format), and the refusals (changed, missing or linked files, unreadable flows).
 */
import { mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox'
import type { CompareInput, CompareResult, DiffChange } from '../../src/shared/contract/flows/compare'
import { AppError } from '../../src/shared/errors'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { writeArchiveFolder, type WrittenVersion } from './helpers/flowArchiveFolder'
import { call } from './helpers/privacySession'
import { readAudit } from './helpers/uploadSession'

let session: CoreSession
let scratch: string | undefined

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
})
afterAll(() => session.close())
afterEach(async () => {
  session.sandbox.setOptions({ deniedPermissions: [] })
  if (scratch) await rm(scratch, { recursive: true, force: true })
  scratch = undefined
})

const MAIN = SANDBOX_FLOW_SEEDS.mainIvr
const compare = (left: CompareInput['left'], right: CompareInput['right']): Promise<CompareResult> =>
  call(session.core, 'flows.compare', { left, right })
const versionSide = (flowId: string, versionId: string) => ({ kind: 'version' as const, flowId, versionId })
/** The flow's versions, newest first, as the sandbox holds them. */
const versions = (flowId: string) => session.sandbox.flows.versions(flowId)
const configuration = (flowId: string, versionId: string) => session.sandbox.flows.configuration(flowId, versionId)!

/** "2 Nov 2026", the day in UTC, built from Intl's parts (en-GB would write "Sept"). */
const UTC_DAY = {
  format(date: Date): string {
    const parts = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).formatToParts(date)
    const part = (type: string) => parts.find((p) => p.type === type)!.value
    return `${part('day')} ${part('month')} ${part('year')}`
  },
}

/** Follows one of compare's paths (a.b, ["k"], [3], [refId=x], [name="A b"], also one level down a wrapper) into a document. */
function valueAt(document: unknown, path: string): unknown {
  let current = document
  const token = /\.?([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|\[(\w+)=("(?:[^"\\]|\\.)*"|[\w.:-]+)\]/y
  let match: RegExpExecArray | null
  while (token.lastIndex < path.length && (match = token.exec(path))) {
    const [, key, quoted, index, field, rawValue] = match
    if (key !== undefined) current = (current as Record<string, unknown>)[key]
    else if (quoted !== undefined) current = (current as Record<string, unknown>)[JSON.parse(quoted) as string]
    else if (index !== undefined) current = (current as unknown[])[Number(index)]
    else {
      const wanted = rawValue.startsWith('"') ? (JSON.parse(rawValue) as string) : rawValue
      const idOf = (item: Record<string, unknown>): unknown => {
        if (field in item) return item[field]
        const inner = Object.values(item)
        return inner.length === 1 ? (inner[0] as Record<string, unknown>)[field] : undefined
      }
      const found = (current as Record<string, unknown>[]).filter((item) => String(idOf(item)) === wanted)
      expect(found, `exactly one item with ${field}=${wanted} at ${path}`).toHaveLength(1)
      current = found[0]
    }
  }
  expect(token.lastIndex, `the whole path was read: ${path}`).toBe(path.length)
  return current
}

/** Every listed change says what the documents say at its path. */
function expectChangesTrue(changes: DiffChange[], left: unknown, right: unknown): void {
  for (const change of changes) {
    if (change.kind === 'changed' && !change.truncated) {
      expect(JSON.stringify(valueAt(left, change.path)), change.path).toBe(change.before)
      expect(JSON.stringify(valueAt(right, change.path)), change.path).toBe(change.after)
    }
    if (change.kind === 'added' && !change.truncated) expect(JSON.stringify(valueAt(right, change.path)), change.path).toBe(change.after)
    if (change.kind === 'removed' && !change.truncated) expect(JSON.stringify(valueAt(left, change.path)), change.path).toBe(change.before)
    if (change.kind === 'moved') {
      const parent = change.path.slice(0, change.path.lastIndexOf('['))
      const item = valueAt(right, change.path)
      expect((valueAt(right, parent) as unknown[])[change.toIndex!]).toBe(item)
      // Named by identity, the same item sits at fromIndex on the left.
      if (!/\[\d+\]$/.test(change.path)) expect((valueAt(left, parent) as unknown[])[change.fromIndex!]).toBe(valueAt(left, change.path))
    }
  }
}

describe('two versions of a seeded flow', () => {
  it('lists what changed between neighbouring versions with paths into both documents, labelled by version and date', async () => {
    const [newest, previous] = versions(MAIN)
    const result = await compare(versionSide(MAIN, previous.id), versionSide(MAIN, newest.id))
    expect(result.identical).toBe(false)
    expect(result.leftLabel).toBe(`Version ${previous.name} (published ${UTC_DAY.format(new Date(previous.datePublished!))})`)
    expect(result.rightLabel).toBe(`Version ${newest.name} (published ${UTC_DAY.format(new Date(newest.datePublished!))})`)
    expect(result.right).toEqual({
      kind: 'version',
      flowId: MAIN,
      versionId: newest.id,
      versionName: newest.name,
      versionType: 'PUBLISH',
      when: new Date(newest.datePublished!).toISOString(),
    })
    const total = result.counts.added + result.counts.removed + result.counts.changed + result.counts.moved
    expect(total).toBe(result.changes.length)
    expect(result.changes.length).toBeGreaterThan(3)
    expect(result.changes).toContainEqual({
      kind: 'changed',
      path: 'version',
      before: JSON.stringify(previous.name),
      after: JSON.stringify(newest.name),
    })
    expect(result.changes.some((c) => /^menus\[refId=[\w.:-]+\]\.menu\./.test(c.path))).toBe(true)
    expectChangesTrue(result.changes, configuration(MAIN, previous.id), configuration(MAIN, newest.id))
  })

  it('shows reordered items as moves between versions further apart, and every change there is true too', async () => {
    const all = versions(MAIN)
    const pairs = [1, 2, 3, 4, 5, 6, 7, 8].map((gap) => [all[gap + 10], all[10]] as const)
    let moves = 0
    for (const [older, newer] of pairs) {
      const result = await compare(versionSide(MAIN, older.id), versionSide(MAIN, newer.id))
      expectChangesTrue(result.changes, configuration(MAIN, older.id), configuration(MAIN, newer.id))
      moves += result.counts.moved
    }
    expect(moves).toBeGreaterThan(0)
  })

  it('finds a version identical to itself, with equal canonical hashes and no changes, and audits each compare', async () => {
    const [newest] = versions(MAIN)
    const result = await compare(versionSide(MAIN, newest.id), versionSide(MAIN, newest.id))
    expect(result).toMatchObject({ identical: true, changes: [], truncated: false, counts: { added: 0, removed: 0, changed: 0, moved: 0 } })
    expect(result.leftSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(result.rightSha256).toBe(result.leftSha256)
    const entry = (await readAudit(session.dataDir)).filter((e) => e.action === 'flows.compare').at(-1)
    expect(entry).toMatchObject({
      target: `flows/${MAIN}`,
      outcome: 'ok',
      detail: { leftKind: 'version', leftVersionId: newest.id, identical: true, changed: 0, leftSha256: result.leftSha256 },
    })
  })

  it('labels an unpublished flow’s versions by their check-in or save', async () => {
    const flowId = SANDBOX_FLOW_SEEDS.unpublished
    const [newest, previous] = versions(flowId)
    const result = await compare(versionSide(flowId, previous.id), versionSide(flowId, newest.id))
    for (const [label, version] of [
      [result.leftLabel, previous],
      [result.rightLabel, newest],
    ] as const) {
      const verb = version.type === 'CHECKIN' ? 'checked in' : 'saved'
      const date = version.type === 'CHECKIN' ? version.dateCheckedIn : version.dateSaved
      expect(label).toBe(`Version ${version.name} (${verb} ${UTC_DAY.format(new Date(date as number))})`)
    }
  })

  it('compares a new version added now with the one before it', async () => {
    const added = session.sandbox.flows.addVersion(SANDBOX_FLOW_SEEDS.chat)
    const [, before] = versions(SANDBOX_FLOW_SEEDS.chat)
    const result = await compare(versionSide(SANDBOX_FLOW_SEEDS.chat, before.id), versionSide(SANDBOX_FLOW_SEEDS.chat, added.id))
    expect(result.identical).toBe(false)
    expect(result.rightLabel).toContain(`Version ${added.name} (published`)
    expectChangesTrue(result.changes, configuration(SANDBOX_FLOW_SEEDS.chat, before.id), configuration(SANDBOX_FLOW_SEEDS.chat, added.id))
  })
})

describe('refusals from the platform', () => {
  it('passes on a 403 for a flow of a division the client may not read, audited as an error', async () => {
    const flowId = SANDBOX_FLOW_SEEDS.denied
    const [newest, previous] = versions(flowId)
    const error = await compare(versionSide(flowId, previous.id), versionSide(flowId, newest.id)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'forbidden', status: 403 })
    const entry = (await readAudit(session.dataDir)).filter((e) => e.action === 'flows.compare').at(-1)
    expect(entry).toMatchObject({ target: `flows/${flowId}`, outcome: 'error', detail: { code: 'forbidden', status: 403 } })
  })

  it('passes on a 404 for a version that does not exist', async () => {
    const [newest] = versions(MAIN)
    const error = await compare(versionSide(MAIN, 'no-such-version'), versionSide(MAIN, newest.id)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'not_found', status: 404 })
  })

  it('passes on a 403 when the client lacks architect:flow:view', async () => {
    session.sandbox.setOptions({ deniedPermissions: ['architect:flow:view'] })
    const [newest, previous] = versions(MAIN)
    const error = await compare(versionSide(MAIN, previous.id), versionSide(MAIN, newest.id)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'forbidden' })
    expect((error as AppError).hint).not.toBe('')
  })
})

describe('a version and an archived file', () => {
  let archive: string
  let archived: WrittenVersion[]
  const [newestId, olderId] = [() => versions(MAIN)[0].id, () => versions(MAIN)[5].id]

  async function archiveOf(versionIds: string[], layout: 'canonical' | 'as-sent' = 'canonical'): Promise<void> {
    scratch = await mkdtemp(join(tmpdir(), 'switchboard-compare-'))
    archive = join(scratch, 'archive')
    archived = await writeArchiveFolder(archive, [
      {
        id: MAIN,
        name: 'Main IVR',
        versions: versionIds.map((id) => {
          const version = versions(MAIN).find((v) => v.id === id)!
          return { id, name: version.name, configuration: configuration(MAIN, id), layout }
        }),
      },
    ])
  }
  const archivedSide = (versionId: string) => ({
    kind: 'archived' as const,
    folder: archive,
    sha256: archived.find((a) => a.versionId === versionId)!.sha256,
  })

  it('finds the version identical to its own archived file, whose name is the version’s canonical hash', async () => {
    await archiveOf([newestId()])
    const side = archivedSide(newestId())
    const result = await compare(versionSide(MAIN, newestId()), side)
    expect(result.identical).toBe(true)
    expect(result.leftSha256).toBe(side.sha256)
    expect(result.rightSha256).toBe(side.sha256)
    const name = versions(MAIN)[0].name
    expect(result.rightLabel).toBe(`Archived file ${side.sha256.slice(0, 8)}… (version ${name} of “Main IVR”)`)
    expect(result.right).toEqual({
      kind: 'archived',
      fileSha256: side.sha256,
      flowId: MAIN,
      flowName: 'Main IVR',
      versionId: newestId(),
      versionName: name,
    })
  })

  it('finds a file archived in another layout (compact, the platform’s key order) identical too', async () => {
    await archiveOf([newestId()], 'as-sent')
    const side = archivedSide(newestId())
    const result = await compare(side, versionSide(MAIN, newestId()))
    expect(result.identical).toBe(true)
    expect(result.leftSha256).not.toBe(side.sha256)
    expect(result.leftSha256).toBe(result.rightSha256)
    expect(result.left).toMatchObject({ kind: 'archived', fileSha256: side.sha256 })
  })

  it('gives the same changes for an older archived file as for that version fetched from the platform', async () => {
    await archiveOf([olderId()])
    const fromArchive = await compare(archivedSide(olderId()), versionSide(MAIN, newestId()))
    const fromPlatform = await compare(versionSide(MAIN, olderId()), versionSide(MAIN, newestId()))
    expect(fromArchive.identical).toBe(false)
    // The same changes in the same order; a value reads in its own side's key order (the archive's are sorted).
    const comparable = (c: DiffChange) => ({
      ...c,
      before: c.before === undefined || c.truncated ? undefined : (JSON.parse(c.before) as unknown),
      after: c.after === undefined || c.truncated ? undefined : (JSON.parse(c.after) as unknown),
    })
    expect(fromArchive.changes.map(comparable)).toEqual(fromPlatform.changes.map(comparable))
    expect(fromArchive.counts).toEqual(fromPlatform.counts)
    expect(fromArchive.leftSha256).toBe(fromPlatform.leftSha256)
    expect(fromArchive.leftLabel).toMatch(/^Archived file [0-9a-f]{8}… \(version /)
  })

  it('refuses an archived file whose content no longer has the hash its name says', async () => {
    await archiveOf([olderId()])
    const side = archivedSide(olderId())
    const path = join(archive, `configurations/${side.sha256}.json`)
    await writeFile(path, (await readFile(path, 'utf8')).replace('"Main IVR"', '"Main IVR (edited)"'))
    const error = await compare(side, versionSide(MAIN, newestId())).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toContain(`The archived file ${side.sha256.slice(0, 8)}… was changed after it was archived`)
    expect((error as AppError).hint).toContain('Verify the archive folder')
  })

  it('refuses a missing archived file, and one that is a link out of the folder', async () => {
    await archiveOf([olderId()])
    const side = archivedSide(olderId())
    const path = join(archive, `configurations/${side.sha256}.json`)
    const outside = join(scratch!, 'outside.json')
    await writeFile(outside, await readFile(path))
    await unlink(path)
    expect(await compare(side, versionSide(MAIN, newestId())).catch((e: unknown) => e)).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(`There is no archived file ${side.sha256.slice(0, 8)}…`),
    })
    await symlink(outside, path)
    const linked = await compare(side, versionSide(MAIN, newestId())).catch((e: unknown) => e)
    expect(linked).toMatchObject({ code: 'file', message: expect.stringContaining('is a link pointing outside the archive folder') })
  })

  it('refuses an archive folder inside the data folder, naming the side in the error', async () => {
    const error = await compare(
      { kind: 'archived', folder: join(session.dataDir, 'jobs'), sha256: 'a'.repeat(64) },
      versionSide(MAIN, newestId()),
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_input', details: [{ fieldName: 'left.folder' }] })
  })
})
