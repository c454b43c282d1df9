/**
 * Prompt batches against a real sandbox and real folders: 30 prompts in 3 languages created, uploaded
 * as multipart and transcoded (the sandbox's copy of each file byte for byte), a replaced resource, a
 * skipped one, a transcode failure, the token refused to a foreign upload address, pause, cancel, retry.
 * One sandbox and core for the file; each test has its own prompt names and folders.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AppEvent, AuditEntry } from '../../src/shared/api'
import type { PromptBatchView, PromptUploadView } from '../../src/shared/contract/prompts'
import { startHostileServer } from './helpers/hostileServer'
import { openTestCore, type CoreSession } from './helpers/coreSession'
import { startSandbox } from '../../src/main/sandbox'
import {
  batchOf,
  call,
  planOf,
  removeFolders,
  stageWav,
  tempFolder,
  waitForBatch,
  waitForRow,
  writePromptFiles,
} from './helpers/promptBatchSession'
import { wavBytes, writeWav } from '../fixtures/audio'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const PROMPTS_ROUTE = 'POST /api/v2/architect/prompts'

let session: CoreSession
const folders: string[] = []
const events: AppEvent[] = []
const rowSignals: PromptUploadView[] = []

async function folder(prefix: string): Promise<string> {
  const made = await tempFolder(prefix)
  folders.push(made)
  return made
}

async function audit(actionPrefix: string): Promise<AuditEntry[]> {
  const page = await call(session.core, 'audit.query', { offset: 0, limit: 1000, filter: { action: actionPrefix, hideApiCalls: true } })
  return page.entries.filter((entry: AuditEntry) => entry.action === actionPrefix || entry.action.startsWith(`${actionPrefix}.`))
}

beforeAll(async () => {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 100_000, promptTranscodeMs: 100 })
  const dataDir = await tempFolder('prompts-core')
  folders.push(dataDir)
  // The first look at transcoding comes soon after the sandbox's 100 ms (the app waits about a second).
  const core = await openTestCore(dataDir, sandbox, { promptTuning: { firstPollMs: 150 } })
  session = { core, sandbox, dataDir, close: async () => (await core.close(), await sandbox.close()) }
  session.core.onAppEvent((event) => events.push(event))
  session.core.on('prompts.upload.changed', (view) => rowSignals.push(view))
  await call(session.core, 'prompts.settings.set', { concurrency: 8 })
})

afterAll(async () => {
  await session?.close()
  await removeFolders(...folders)
})

describe('a batch of prompts', () => {
  it(
    'creates 30 prompts in 3 languages, once each, and every file arrives byte for byte and is transcoded',
    { timeout: 90_000 },
    async () => {
      const dir = await folder('prompts-30')
      const names = Array.from({ length: 30 }, (_, i) => `batch30_prompt_${String(i + 1).padStart(2, '0')}`)
      const languages = ['en-us', 'fr-fr', 'de-de']
      const inPlace = await writePromptFiles(dir, names.slice(0, 29), languages)
      // The last prompt's files come as the web shell stages them: moved out of staging at Start, deleted once transcoded.
      const staged = [
        await stageWav(session.dataDir, `${names[29]}.en-us.wav`, 901),
        await stageWav(session.dataDir, `${names[29]}.fr-fr.wav`, 902),
        await stageWav(session.dataDir, `${names[29]}.de-de.wav`, 903),
      ]
      const sent = new Map<string, Buffer>()
      for (const path of [...inPlace, ...staged]) sent.set(basename(path), await readFile(path))

      const plan = await planOf(session.core, [dir, ...staged])
      expect(plan.items).toHaveLength(90)
      expect(plan.items.every((item) => item.action === 'create')).toBe(true)
      const createsBefore = session.sandbox.stats().byRoute[PROMPTS_ROUTE] ?? 0

      const started = await call(session.core, 'prompts.batch.start', { planId: plan.id })
      expect(started.counts.total).toBe(90)
      for (const path of staged) await expect(readFile(path)).rejects.toThrow()

      const done = await waitForBatch(session.core, started.id)
      expect(done.counts).toEqual({ total: 90, transcoded: 90, failed: 0, skipped: 0, active: 0 })
      expect(done.items.every((row) => row.uploadStatus === 'transcoded' && row.doneBytes === row.totalBytes)).toBe(true)

      // One create per prompt name, whichever of its three jobs came first.
      expect((session.sandbox.stats().byRoute[PROMPTS_ROUTE] ?? 0) - createsBefore).toBe(30)
      for (const name of names) {
        const prompt = session.sandbox.prompts.byName(name)
        expect(prompt, name).toBeDefined()
        expect(session.sandbox.prompts.list().filter((p) => p.name.toLowerCase() === name)).toHaveLength(1)
        expect(prompt!.resources.map((r) => `${r.language}:${r.uploadStatus}`).sort()).toEqual(
          languages.map((language) => `${language}:transcoded`).sort(),
        )
      }
      expect(done.items.filter((row) => row.createdPrompt)).toHaveLength(90)

      for (const row of done.items) {
        const upload = await session.sandbox.prompts.upload(row.promptId!, row.language)
        const bytes = sent.get(row.fileName)!
        expect(upload, row.fileName).toBeDefined()
        expect(upload!.bytes.equals(bytes), row.fileName).toBe(true)
        expect(upload!.fieldName).toBe('file')
        expect(upload!.fileName).toBe(row.fileName)
        expect(upload!.contentType).toBe('audio/wav')
        expect(row.sha256).toBe(sha256(bytes))
      }

      const uploaded = events.filter((e) => e.type === 'prompt.uploaded' && done.items.some((row) => row.promptId === e.payload.promptId))
      expect(uploaded).toHaveLength(90)
      expect((await audit('prompt.created')).filter((e) => names.includes(e.target.split('/')[1]))).toHaveLength(30)
      expect((await audit('prompt.resource.transcoded')).filter((e) => e.detail?.batchId === started.id)).toHaveLength(90)
      expect((await audit('prompt.resource.upload.intent')).filter((e) => e.detail?.batchId === started.id)).toHaveLength(90)

      // The batch's own copies are gone once transcoded; the admin's own files are untouched.
      await vi.waitFor(async () => expect(await readdir(join(session.dataDir, 'prompts', 'files')).catch(() => [])).toEqual([]))
      for (const path of inPlace) expect((await readFile(path)).equals(sent.get(basename(path))!)).toBe(true)

      // Each row's signals carry a rising revision.
      const byRow = new Map<string, number[]>()
      for (const view of rowSignals.filter((v) => v.batchId === started.id))
        byRow.set(view.id, [...(byRow.get(view.id) ?? []), view.revision])
      expect(byRow.size).toBe(90)
      for (const revisions of byRow.values()) expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
    },
  )

  it(
    'replaces a chosen resource (TTS by PUT), skips one not chosen, adds a language, and reports a corrupt WAV',
    { timeout: 60_000 },
    async () => {
      const dir = await folder('prompts-mixed')
      await writeWav(join(dir, 'welcome.wav'), { bytes: 3_000, variant: 11 })
      await writeWav(join(dir, 'closed_en.wav'), { bytes: 3_000, variant: 12 })
      await writeWav(join(dir, 'closed_de.wav'), { bytes: 3_000, variant: 13 })
      const broken = await writeWav(join(dir, 'broken.wav'), { bytes: 3_000, variant: 14 })
      await writeFile(
        join(dir, 'manifest.csv'),
        [
          'file,prompt,language,description,tts',
          'welcome.wav,welcome_message,en-us,,Welcome to the new line',
          'closed_en.wav,closed_message,en-us,,',
          'closed_de.wav,closed_message,de-de,,Wir haben geschlossen',
          'broken.wav,mixed_broken_prompt,en-us,A damaged file,',
        ].join('\n'),
      )
      const closedBefore = await session.sandbox.prompts.upload(session.sandbox.prompts.byName('closed_message')!.id, 'en-us')
      const plan = await planOf(session.core, [dir])
      const action = (name: string, language: string) => plan.items.find((i) => i.promptName === name && i.language === language)
      expect(action('welcome_message', 'en-us')?.action).toBe('replace')
      expect(action('closed_message', 'en-us')?.action).toBe('replace')
      expect(action('closed_message', 'de-de')?.action).toBe('add-language')
      expect(action('mixed_broken_prompt', 'en-us')?.action).toBe('create')
      // Damaged after the review, keeping its size: only the platform's transcoder finds out.
      const corrupt = Buffer.alloc(3_000)
      corrupt.write('RIFF', 0, 'latin1')
      corrupt.writeUInt32LE(3_000 - 8, 4)
      corrupt.write('WAVEjunk', 8, 'latin1')
      corrupt.writeUInt32LE(3_000 - 20, 16)
      await writeFile(broken, corrupt)

      const started = await call(session.core, 'prompts.batch.start', {
        planId: plan.id,
        replace: [action('welcome_message', 'en-us')!.key],
      })
      const done = await waitForBatch(session.core, started.id)
      const row = (name: string, language: string) => done.items.find((i) => i.promptName === name && i.language === language)!

      const welcome = row('welcome_message', 'en-us')
      expect(welcome).toMatchObject({ state: 'transcoded', replaced: true, createdPrompt: false })
      const welcomeAsset = session.sandbox.prompts.byName('welcome_message')!.resources.find((r) => r.language === 'en-us')!
      expect(welcomeAsset.ttsString).toBe('Welcome to the new line')
      expect(
        (await session.sandbox.prompts.upload(welcome.promptId!, 'en-us'))!.bytes.equals(await readFile(join(dir, 'welcome.wav'))),
      ).toBe(true)

      const skipped = row('closed_message', 'en-us')
      expect(skipped.state).toBe('skipped')
      expect(skipped.skipReason).toMatch(/chose not to replace/)
      const closedAfter = await session.sandbox.prompts.upload(skipped.promptId!, 'en-us')
      expect(closedAfter?.sha256).toBe(closedBefore?.sha256)

      const added = row('closed_message', 'de-de')
      expect(added).toMatchObject({ state: 'transcoded', createdPrompt: false, replaced: false })
      expect(session.sandbox.prompts.byName('closed_message')!.resources.find((r) => r.language === 'de-de')!.ttsString).toBe(
        'Wir haben geschlossen',
      )

      const failed = row('mixed_broken_prompt', 'en-us')
      expect(failed.state).toBe('transcodeFailed')
      expect(failed.uploadStatus).toBe('transcodeFailed')
      expect(failed.error?.message).toMatch(/could not transcode/)
      expect(done.counts).toMatchObject({ total: 4, transcoded: 2, skipped: 1, failed: 1, active: 0 })
      expect((await audit('prompt.resource.replaced')).some((e) => e.detail?.batchId === started.id)).toBe(true)
      expect((await audit('prompt.resource.skipped')).some((e) => e.detail?.batchId === started.id)).toBe(true)
      expect((await audit('prompt.resource.transcodeFailed')).filter((e) => e.detail?.batchId === started.id)).toHaveLength(1)
      expect((await audit('prompt.resource.failed')).filter((e) => e.detail?.batchId === started.id)).toEqual([])
      expect(
        (await audit('prompt.reused'))
          .filter((e) => e.detail?.batchId === started.id)
          .map((e) => e.target)
          .sort(),
      ).toEqual(['prompts/closed_message', 'prompts/welcome_message'])
    },
  )

  it('never sends the token to an upload address on another origin', { timeout: 30_000 }, async () => {
    const foreign = await startHostileServer()
    try {
      const dir = await folder('prompts-foreign')
      const path = await writeWav(join(dir, 'foreign_origin_prompt.wav'), { bytes: 2_000, variant: 21 })
      const plan = await planOf(session.core, [path])
      session.sandbox.setPublicUrl(foreign.url)
      const started = await call(session.core, 'prompts.batch.start', { planId: plan.id })
      const [failed] = (await waitForBatch(session.core, started.id)).items
      expect(failed.state).toBe('failed')
      expect(failed.error?.message).toMatch(/Refused to send the audio and the access token/)
      expect(failed.error?.message).toContain(foreign.url)
      expect(foreign.seen).toEqual([])

      // Back on its own origin, a retry asks for the resource's address again and uploads.
      session.sandbox.setPublicUrl(session.sandbox.url)
      await call(session.core, 'jobs.retry', { id: failed.id })
      const retried = await waitForRow(session.core, started.id, failed.id, (row) => row.state === 'transcoded')
      expect(retried.uploadStatus).toBe('transcoded')
      expect(foreign.seen).toEqual([])
    } finally {
      session.sandbox.setPublicUrl(session.sandbox.url)
      await foreign.close()
    }
  })

  it('pauses, resumes, cancels and retries rows; clear removes only a finished batch', { timeout: 60_000 }, async () => {
    const dir = await folder('prompts-controls')
    const paused = await writeWav(join(dir, 'controls_paused.wav'), { bytes: 4_000, variant: 31 })
    await writeWav(join(dir, 'controls_cancelled.wav'), { bytes: 4_000, variant: 32 })
    const changed = await writeWav(join(dir, 'controls_retried.wav'), { bytes: 4_000, variant: 33 })
    const plan = await planOf(session.core, [dir])
    session.sandbox.setFaults({ latencyMs: 600, routes: '^/uploads/v2/prompts/' })
    try {
      // Changed after the review: its job fails before anything is sent.
      const original = await readFile(changed)
      await writeFile(changed, wavBytes({ bytes: 5_000, variant: 33 }))
      const started = await call(session.core, 'prompts.batch.start', { planId: plan.id })
      const id = (name: string) => started.items.find((row) => row.fileName === name)!.id

      await waitForRow(session.core, started.id, id('controls_paused.wav'), (row) => row.state === 'uploading')
      await call(session.core, 'jobs.pause', { id: id('controls_paused.wav') })
      await call(session.core, 'jobs.cancel', { id: id('controls_cancelled.wav') })
      const failed = await waitForRow(session.core, started.id, id('controls_retried.wav'), (row) => row.state === 'failed')
      expect(failed.error?.message).toMatch(/changed after the review/)
      expect((await waitForRow(session.core, started.id, id('controls_paused.wav'), (row) => row.state === 'paused')).state).toBe('paused')
      const cancelled = await waitForRow(session.core, started.id, id('controls_cancelled.wav'), (row) => row.state === 'cancelled')
      expect(cancelled.uploadStatus === undefined || cancelled.uploadStatus === 'created').toBe(true)

      // Not finished while a row is paused.
      await call(session.core, 'prompts.batch.clear', {})
      expect((await batchOf(session.core, started.id)).items).toHaveLength(3)

      await writeFile(changed, original)
      await call(session.core, 'jobs.retry', { id: id('controls_retried.wav') })
      await call(session.core, 'jobs.resume', { id: id('controls_paused.wav') })
      const done = await waitForBatch(session.core, started.id)
      expect(done.items.map((row) => `${row.fileName}:${row.state}`).sort()).toEqual([
        'controls_cancelled.wav:cancelled',
        'controls_paused.wav:transcoded',
        'controls_retried.wav:transcoded',
      ])
      expect(
        (await session.sandbox.prompts.upload(session.sandbox.prompts.byName('controls_paused')!.id, 'en-us'))!.bytes.equals(
          await readFile(paused),
        ),
      ).toBe(true)
      for (const name of ['controls_paused', 'controls_cancelled', 'controls_retried'])
        expect(session.sandbox.prompts.list().filter((p) => p.name === name).length, name).toBeLessThanOrEqual(1)

      // A finished upload is not sent again; a cancelled one is, with its file.
      await expect(call(session.core, 'prompts.upload.retry', { ids: [id('controls_paused.wav')] })).rejects.toThrow(
        /only a failed or cancelled/,
      )
      expect(await call(session.core, 'prompts.upload.retry', { ids: [id('controls_cancelled.wav')] })).toEqual({
        retried: [id('controls_cancelled.wav')],
      })
      const sentAgain = (b: PromptBatchView) => b.items.find((row) => row.fileName === 'controls_cancelled.wav')?.state === 'transcoded'
      expect(sentAgain(await waitForBatch(session.core, started.id, sentAgain))).toBe(true)
      const cancelledPrompt = session.sandbox.prompts.byName('controls_cancelled')!
      expect(
        (await session.sandbox.prompts.upload(cancelledPrompt.id, 'en-us'))!.bytes.equals(
          await readFile(join(dir, 'controls_cancelled.wav')),
        ),
      ).toBe(true)

      const { removed } = await call(session.core, 'prompts.batch.clear', {})
      expect(removed).toBeGreaterThanOrEqual(1)
      expect((await call(session.core, 'prompts.batch.list', {})).some((b) => b.id === started.id)).toBe(false)
    } finally {
      session.sandbox.setFaults({})
    }
  })
})
