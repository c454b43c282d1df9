/**
 * The prompts library against a real sandbox: the list (name filter as a wildcard, pages, each language's
 * raw status), a prompt's audio byte for byte as it was uploaded, a failed transcode refused with a hint,
 * the CSV export read back, admin-typed export paths refused, and a client without
 * architect:userPrompt:view told so with the correlation id.
 */
import { parse } from 'csv-parse/sync'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SANDBOX_PROMPT_SEEDS, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { PROMPT_CSV_COLUMNS } from '../../src/main/core/prompts/library/promptCsv'
import { AppError } from '../../src/shared/errors'
import { wavBytes } from '../fixtures/audio'
import { openTestCore, startCoreSession, type CoreSession } from './helpers/coreSession'
import { startMediaProxy } from './helpers/mediaProxy'
import { call } from './helpers/privacySession'
import { readAudit } from './helpers/uploadSession'
import { api, getToken } from './sandbox-helpers'
import { rejectionOf } from './helpers/rejectionOf'

let session: CoreSession
let outside: string
/** Added through the sandbox's API: a prompt with uploaded audio, and one without resources whose description starts like a formula. */
const added = { name: 'library_test_prompt', id: '', wav: wavBytes({ bytes: 6000, variant: 7 }), bare: 'library_bare_prompt', bareId: '' }

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000, promptTranscodeMs: 20 })
  outside = await mkdtemp(join(tmpdir(), 'switchboard-prompts-export-'))
  const token = await getToken(session.sandbox)
  added.id = await createPrompt(session.sandbox, token, { name: added.name, description: 'Added by the library test' })
  const created = await api(session.sandbox, `/api/v2/architect/prompts/${added.id}/resources`, token, {
    method: 'POST',
    body: { language: 'en-us', ttsString: 'Thank you for calling.' },
  })
  expect(created.status).toBe(200)
  const { uploadUri } = (await created.json()) as { uploadUri: string }
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(added.wav)], { type: 'audio/wav' }), 'library.wav')
  const uploaded = await fetch(uploadUri, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form })
  expect(uploaded.status).toBeLessThan(300)
  added.bareId = await createPrompt(session.sandbox, token, { name: added.bare, description: '=HYPERLINK("http://x.test")' })
}, 30_000)

afterAll(async () => {
  await session?.close()
  await rm(outside, { recursive: true, force: true })
})

async function createPrompt(sandbox: Sandbox, token: string, body: { name: string; description: string }): Promise<string> {
  const response = await api(sandbox, '/api/v2/architect/prompts', token, { method: 'POST', body })
  expect(response.status).toBe(200)
  return ((await response.json()) as { id: string }).id
}

const refusal = (work: Promise<unknown>): Promise<AppError> => rejectionOf(work, AppError)

describe('prompts.list', () => {
  it('filters by part of a name (any case), and lists each language with its raw status', async () => {
    const page = await call(session.core, 'prompts.list', { name: 'MESSAGE' })
    expect(page.prompts.map((p) => p.name).sort()).toEqual(['closed_message', 'welcome_message'])
    expect(page.total).toBe(2)

    const closed = page.prompts.find((p) => p.id === SANDBOX_PROMPT_SEEDS.closed_message)!
    expect(closed.resources.map((r) => r.language)).toEqual(['en-us', 'fr-fr'])
    expect(closed.resources.every((r) => r.uploadStatus === 'transcoded' && r.hasMedia)).toBe(true)
    expect(closed.resources[1].durationSeconds).toBeCloseTo(2.5, 1)
    expect(closed.resources[1].ttsString).toMatch(/^Nous sommes fermés/)

    const [hold] = (await call(session.core, 'prompts.list', { name: 'hold' })).prompts
    expect(hold.id).toBe(SANDBOX_PROMPT_SEEDS.hold_music)
    expect(hold.resources).toEqual([expect.objectContaining({ language: 'en-us', uploadStatus: 'transcodeFailed', hasMedia: false })])
  })

  it('reads the org page by page, sorted by name', async () => {
    const all = session.sandbox.prompts
      .list()
      .map((p) => p.name)
      .sort((a, b) => a.localeCompare(b))
    expect(all.length).toBeGreaterThanOrEqual(5)
    const first = await call(session.core, 'prompts.list', { pageSize: 2 })
    expect(first).toMatchObject({ total: all.length, pageNumber: 1, pageCount: Math.ceil(all.length / 2) })
    const names: string[] = []
    for (let pageNumber = 1; pageNumber <= first.pageCount; pageNumber++) {
      const page = await call(session.core, 'prompts.list', { pageSize: 2, pageNumber })
      expect(page.prompts.length).toBeLessThanOrEqual(2)
      names.push(...page.prompts.map((p) => p.name))
    }
    expect(names).toEqual(all)
  })
})

describe('prompts.audio', () => {
  it('answers the uploaded WAV byte for byte, once transcoded', async () => {
    await vi.waitFor(
      async () => {
        const [prompt] = (await call(session.core, 'prompts.list', { name: added.name })).prompts
        expect(prompt.resources[0]).toMatchObject({ uploadStatus: 'transcoded', hasMedia: true })
      },
      { timeout: 10_000, interval: 50 },
    )
    const audio = await call(session.core, 'prompts.audio', { promptId: added.id, language: 'EN-US' })
    const bytes = Buffer.from(audio.base64, 'base64')
    expect(audio.mimeType).toBe('audio/wav')
    expect(audio.sizeBytes).toBe(added.wav.length)
    expect(bytes.equals(added.wav)).toBe(true)
    expect(bytes.equals((await session.sandbox.prompts.upload(added.id, 'en-us'))!.bytes)).toBe(true)
  })

  it('refuses a resource whose transcode failed, with what to do', async () => {
    const failure = await refusal(call(session.core, 'prompts.audio', { promptId: SANDBOX_PROMPT_SEEDS.hold_music, language: 'en-us' }))
    expect(failure.message).toMatch(/transcode failed/i)
    expect(failure.hint).toMatch(/upload the recording again as a WAV/i)
  })

  it('says so when the prompt has no such language', async () => {
    const failure = await refusal(
      call(session.core, 'prompts.audio', { promptId: SANDBOX_PROMPT_SEEDS.welcome_message, language: 'de-de' }),
    )
    expect(failure.code).toBe('not_found')
    expect(failure.message).toContain('de-de')
  })
})

describe('prompts.export', () => {
  it('writes every prompt as CSV: one row per language, a prompt without languages one row, formulas defused', async () => {
    const path = join(outside, 'prompts.csv')
    const result = await call(session.core, 'prompts.export', { path })
    expect(result.path).toBe(path)
    const text = await readFile(path, 'utf8')
    expect((await stat(path)).size).toBe(result.sizeBytes)
    const rows = parse(text, { bom: true, columns: true }) as Record<(typeof PROMPT_CSV_COLUMNS)[number], string>[]
    expect(Object.keys(rows[0])).toEqual([...PROMPT_CSV_COLUMNS])
    const prompts = session.sandbox.prompts.list()
    const expected = prompts.reduce((sum, p) => sum + Math.max(1, p.resources.length), 0)
    expect(result.rows).toBe(expected)
    expect(rows).toHaveLength(expected)

    expect(rows.filter((r) => r.promptId === SANDBOX_PROMPT_SEEDS.closed_message)).toEqual([
      expect.objectContaining({ promptName: 'closed_message', language: 'en-us', uploadStatus: 'transcoded', durationSeconds: '2' }),
      expect.objectContaining({ promptName: 'closed_message', language: 'fr-fr', uploadStatus: 'transcoded', durationSeconds: '2.5' }),
    ])
    expect(rows.find((r) => r.promptName === 'hold_music')).toMatchObject({ uploadStatus: 'transcodeFailed', durationSeconds: '' })
    expect(rows.filter((r) => r.promptId === added.bareId)).toEqual([
      {
        promptName: added.bare,
        promptId: added.bareId,
        description: `'=HYPERLINK("http://x.test")`,
        language: '',
        uploadStatus: '',
        durationSeconds: '',
        ttsString: '',
      },
    ])

    const audited = (await readAudit(session.dataDir)).filter((e) => e.action === 'prompts.export')
    expect(audited.at(-1)).toMatchObject({ outcome: 'ok', detail: expect.objectContaining({ path, rows: expected }) })
  })

  it('filters by name, and writes under <data>/exports when no path is given', async () => {
    const result = await call(session.core, 'prompts.export', { path: '', name: 'closed' })
    expect(result.path.startsWith(join(session.dataDir, 'exports', 'prompts-'))).toBe(true)
    expect(result.rows).toBe(2)
    const rows = parse(await readFile(result.path, 'utf8'), { bom: true, columns: true }) as { promptName: string }[]
    expect(rows.map((r) => r.promptName)).toEqual(['closed_message', 'closed_message'])
  })

  it('refuses a path that is not a full path, inside the data folder, or an existing file, and audits the refusal', async () => {
    expect((await refusal(call(session.core, 'prompts.export', { path: 'prompts.csv' }))).code).toBe('invalid_input')
    const inData = await refusal(call(session.core, 'prompts.export', { path: join(session.dataDir, 'settings-copy.csv') }))
    expect(inData.message).toContain("Switchboard's data folder")
    const existing = join(outside, 'existing.csv')
    await writeFile(existing, 'keep me')
    expect((await refusal(call(session.core, 'prompts.export', { path: existing }))).code).toBe('conflict')
    expect(await readFile(existing, 'utf8')).toBe('keep me')
    await call(session.core, 'prompts.export', { path: existing, overwrite: true })
    expect(await readFile(existing, 'utf8')).toContain('promptName')
    const failed = (await readAudit(session.dataDir)).filter((e) => e.action === 'prompts.export' && e.outcome === 'error')
    expect(failed.length).toBeGreaterThanOrEqual(3)
  })
})

describe('a client without architect:userPrompt:view', () => {
  it('is refused the list with the permission named, the correlation id and a hint', async () => {
    const sandbox = await startSandbox({ port: 0, deniedPermissions: ['architect:userPrompt:view'] })
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-prompts-denied-'))
    const core = await openTestCore(dataDir, sandbox)
    try {
      const failure = await refusal(call(core, 'prompts.list', {}))
      expect(failure).toMatchObject({ code: 'forbidden', status: 403 })
      expect(failure.message).toContain('architect:userPrompt:view')
      expect(failure.correlationId).toMatch(/\S+/)
      expect(failure.hint).toContain(failure.correlationId!)
    } finally {
      await core.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

describe('the audio link', () => {
  it('is fetched without the bearer token, and a real-org profile is refused a plain-http one', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const proxy = await startMediaProxy(sandbox.url)
    const seen: { path: string; authorization?: string }[] = []
    proxy.onRequest = (req) => seen.push({ path: (req.url ?? '').split('?')[0], authorization: req.headers.authorization })
    // Links now point at the proxy too, so every request the core makes is seen there.
    sandbox.setPublicUrl(proxy.url)
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-prompts-link-'))
    const core = await openTestCore(dataDir, { url: proxy.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret })
    const mediaRequests = () => seen.filter((r) => r.path.startsWith('/__media/'))
    try {
      const promptId = SANDBOX_PROMPT_SEEDS.welcome_message
      const audio = await call(core, 'prompts.audio', { promptId, language: 'en-us' })
      expect(Buffer.from(audio.base64, 'base64').equals((await sandbox.prompts.upload(promptId, 'en-us'))!.bytes)).toBe(true)
      expect(mediaRequests()).toHaveLength(1)
      expect(mediaRequests()[0].authorization).toBeUndefined()
      expect(seen.find((r) => r.path.startsWith('/api/v2/architect/prompts/'))?.authorization).toMatch(/^bearer \S+/i)

      const saved = await call(core, 'profiles.save', {
        name: 'Gateway org',
        region: 'eu-west-1',
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        gatewayUrl: proxy.url,
      })
      await call(core, 'profiles.setActive', { id: saved.id })
      // A loopback gateway may follow plain-http links on its own origin (the one its secret is bound to);
      // links on another origin, here the sandbox's own port, stay refused.
      sandbox.setPublicUrl(sandbox.url)
      const failure = await refusal(call(core, 'prompts.audio', { promptId, language: 'en-us' }))
      expect(failure.message).toMatch(/will not follow: it is plain http/)
      expect(failure.correlationId).toMatch(/\S+/)
      expect(mediaRequests()).toHaveLength(1)
    } finally {
      await core.close()
      await proxy.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
