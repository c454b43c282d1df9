/**
 * Download links through the real core against a real sandbox on one manual clock: ready links with the
 * expiry read from the URL, ranges, expiry, transcoding, every file state, the policy, the event, and
 * the rule that a link's query (its credential) is never written anywhere.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RECORDING_FORMATS, type RecordingLink } from '../../src/shared/contract/recordings'
import type { AppEvent, AuditEntry } from '../../src/shared/api'
import { AppError } from '../../src/shared/errors'
import { parseAuditLine } from '../../src/main/core/audit'
import { expectRecordedAppEvent } from './helpers/appEvents'
import { addRecording, allFileTexts, call, FORMAT_CONTENT_TYPES, startLinksSession, type LinksSession } from './helpers/linksSession'

let session: LinksSession

beforeAll(async () => {
  session = await startLinksSession()
})
afterAll(() => session.close())

const link = (recording: { conversationId: string; id: string }, format: (typeof RECORDING_FORMATS)[number] = 'WAV') =>
  call(session.core, 'recordings.link', { conversationId: recording.conversationId, recordingId: recording.id, format })

function ready(result: RecordingLink): Extract<RecordingLink, { state: 'ready' }> {
  if (result.state !== 'ready') throw new Error(`expected a ready link, got ${JSON.stringify(result)}`)
  return result
}

async function auditEntries(): Promise<AuditEntry[]> {
  const dir = join(session.dataDir, 'audit')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort()
  const lines = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n').split('\n')
  return lines.map((line) => parseAuditLine(line)).filter((e): e is AuditEntry => e !== undefined)
}

const now = () => new Date(session.clock.now())

describe('ready links', () => {
  it('gives a link for every format, its expiry read from X-Amz-Date + X-Amz-Expires, and the media behind it', async () => {
    for (const format of RECORDING_FORMATS) {
      const recording = addRecording(session.sandbox)
      session.clock.advance(1_000)
      const result = ready(await link(recording, format))
      const signedAt = new Date(session.clock.now() - (session.clock.now() % 1000))
      expect(result).toMatchObject({
        conversationId: recording.conversationId,
        recordingId: recording.id,
        format,
        expirySource: 'url',
        lifetimeSeconds: 3600,
        expiresAt: new Date(signedAt.getTime() + 3600_000).toISOString(),
        generatedAt: now().toISOString(),
        policyViolations: [],
      })
      expect(result.correlationId).toBeTruthy()
      const url = new URL(result.url)
      expect(url.pathname).toBe(
        `/__media/recordings/${recording.conversationId}/${recording.id}/${format}/recording_${recording.conversationId}_${recording.id}_${format.toLowerCase()}.${url.pathname.split('.').at(-1)}`,
      )
      const response = await fetch(result.url)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-type'), format).toBe(FORMAT_CONTENT_TYPES[format])
      expect(response.headers.get('content-disposition'), format).toMatch(/^attachment; filename="recording_/)
    }
  })

  it('a link fetched with Range gets 206 and exactly those bytes', async () => {
    const recording = addRecording(session.sandbox)
    for (const format of ['WAV', 'WAV_ULAW', 'MP3'] as const) {
      const { url } = ready(await link(recording, format))
      const whole = Buffer.from(await (await fetch(url)).arrayBuffer())
      const part = await fetch(url, { headers: { Range: 'bytes=40-499' } })
      expect(part.status).toBe(206)
      expect(part.headers.get('content-range')).toBe(`bytes 40-499/${whole.length}`)
      expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(40, 500))).toBe(true)
    }
  })

  it('a link answers 403 once the clock passes its expiry; asking again gives a fresh one', async () => {
    session.sandbox.setOptions({ mediaUrlLifetimeSeconds: 600 })
    try {
      const recording = addRecording(session.sandbox)
      const first = ready(await link(recording, 'MP3'))
      expect(first.lifetimeSeconds).toBe(600)
      expect(Date.parse(first.expiresAt) - Date.parse(first.generatedAt)).toBeLessThanOrEqual(600_000)
      expect((await fetch(first.url)).status).toBe(200)
      session.clock.advance(601_000)
      const expired = await fetch(first.url)
      expect(expired.status).toBe(403)
      expect(await expired.text()).toMatch(/Request has expired/)
      const renewed = ready(await link(recording, 'MP3'))
      expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt))
      expect((await fetch(renewed.url)).status).toBe(200)
    } finally {
      session.sandbox.setOptions({ mediaUrlLifetimeSeconds: 3600 })
    }
  })
})

describe('transcoding', () => {
  it('says transcoding with the estimate and when to ask again, then ready once the sandbox clock passes the transcode', async () => {
    const recording = addRecording(session.sandbox, { transcodeMs: 8_000 })
    const pending = await link(recording, 'OGG_OPUS')
    expect(pending).toEqual({
      state: 'transcoding',
      conversationId: recording.conversationId,
      recordingId: recording.id,
      format: 'OGG_OPUS',
      estimatedMs: 8_000,
      retryAt: new Date(session.clock.now() + 8_000).toISOString(),
    })
    session.clock.advance(8_000)
    const done = ready(await link(recording, 'OGG_OPUS'))
    expect((await fetch(done.url)).status).toBe(200)
  })

  it('caps the wait before asking again at 30 s however long the estimate', async () => {
    const recording = addRecording(session.sandbox, { transcodeMs: 10 * 60_000 })
    const pending = await link(recording, 'WEBM')
    expect(pending).toMatchObject({
      state: 'transcoding',
      estimatedMs: 600_000,
      retryAt: new Date(session.clock.now() + 30_000).toISOString(),
    })
  })
})

describe('file states', () => {
  it('says why no link can be had, per state, and links RESTORED recordings', async () => {
    const expected: Record<string, RegExp> = {
      ARCHIVED: /archived/,
      RESTORING: /being restored/,
      DELETED: /deleted/,
      UPLOADING: /still being uploaded/,
      ERROR: /error/,
    }
    for (const [fileState, reason] of Object.entries(expected)) {
      const recording = addRecording(session.sandbox, { fileState })
      const result = await link(recording, 'WAV')
      expect(result.state, fileState).toBe('unavailable')
      if (result.state !== 'unavailable') continue
      expect(result.fileState).toBe(fileState)
      expect(result.reason).toMatch(reason)
      expect(result.hint.length).toBeGreaterThan(10)
    }
    const restored = addRecording(session.sandbox, { fileState: 'RESTORED' })
    expect((await link(restored, 'WAV')).state).toBe('ready')
  })

  it('keeps and shows a file state it does not know, and says a chat recording has no file', async () => {
    const odd = addRecording(session.sandbox, { fileState: 'QUARANTINED' })
    const result = await link(odd, 'WAV')
    expect(result).toMatchObject({ state: 'unavailable', fileState: 'QUARANTINED' })
    if (result.state === 'unavailable') expect(result.reason).toContain('“QUARANTINED”')
    const chat = addRecording(session.sandbox, { media: 'chat' })
    const chatResult = await link(chat, 'WAV')
    expect(chatResult).toMatchObject({ state: 'unavailable', fileState: 'AVAILABLE' })
    if (chatResult.state === 'unavailable') expect(chatResult.reason).toMatch(/chat recording/)
  })
})

describe('the policy', () => {
  it('flags a format not allowed and an org link lifetime above the maximum; the change is saved and audited', async () => {
    expect(await call(session.core, 'recordings.policy.get', {})).toEqual({
      allowedFormats: [...RECORDING_FORMATS],
      maxLinkLifetimeMinutes: 60,
      defaultFormat: 'WAV',
    })
    const saved = await call(session.core, 'recordings.policy.set', { allowedFormats: ['WAV', 'MP3', 'WAV'], maxLinkLifetimeMinutes: 30 })
    expect(saved).toEqual({ allowedFormats: ['WAV', 'MP3'], maxLinkLifetimeMinutes: 30, defaultFormat: 'WAV' })
    try {
      const recording = addRecording(session.sandbox)
      const opus = ready(await link(recording, 'OGG_OPUS'))
      expect(opus.policyViolations).toHaveLength(2)
      expect(opus.policyViolations[0]).toMatch(/OGG_OPUS is not an allowed format \(allowed: WAV, MP3\)/)
      expect(opus.policyViolations[1]).toMatch(/60 min, longer than the 30 min/)
      expect(ready(await link(recording, 'WAV')).policyViolations).toEqual([expect.stringMatching(/60 min/)])
      session.sandbox.setOptions({ mediaUrlLifetimeSeconds: 1800 })
      expect(ready(await link(recording, 'WAV')).policyViolations).toEqual([])

      await expect(call(session.core, 'recordings.policy.set', { maxLinkLifetimeMinutes: 0 })).rejects.toMatchObject({
        code: 'invalid_input',
      })
      expect((await call(session.core, 'recordings.policy.get', {})).maxLinkLifetimeMinutes).toBe(30)
      const change = (await auditEntries()).filter((e) => e.action === 'recordings.policy.change')
      expect(change).toHaveLength(1)
      expect(change[0].detail).toMatchObject({ allowedFormats: 'WAV,MP3', maxLinkLifetimeMinutes: 30, previousMaxLinkLifetimeMinutes: 60 })
    } finally {
      session.sandbox.setOptions({ mediaUrlLifetimeSeconds: 3600 })
      await call(session.core, 'recordings.policy.set', { allowedFormats: [...RECORDING_FORMATS], maxLinkLifetimeMinutes: 60 })
    }
  })
})

describe('the event and the audit', () => {
  it('emits media.url.generated with the contract payload (no URL) for ready links only, and audits host and path', async () => {
    const events: AppEvent[] = []
    const off = session.core.onAppEvent((event) => events.push(event))
    try {
      const recording = addRecording(session.sandbox)
      const result = ready(await link(recording, 'WAV_ULAW'))
      await link(addRecording(session.sandbox, { fileState: 'ARCHIVED' }), 'WAV')
      await link(addRecording(session.sandbox, { transcodeMs: 5_000 }), 'WAV')
      const generated = events.filter((e) => e.type === 'media.url.generated')
      expect(generated).toHaveLength(1)
      expect(generated[0].payload).toEqual({
        conversationId: recording.conversationId,
        recordingId: recording.id,
        format: 'WAV_ULAW',
        expiresAt: result.expiresAt,
        lifetimeSeconds: 3600,
        generatedAt: result.generatedAt,
      })
      const entries = await auditEntries()
      expectRecordedAppEvent(generated[0], entries)
      const linkEntries = entries.filter((e) => e.action === 'recordings.link' && e.detail?.recordingId === recording.id)
      expect(linkEntries).toHaveLength(1)
      expect(linkEntries[0]).toMatchObject({
        outcome: 'ok',
        target: `conversations/${recording.conversationId}/recordings/${recording.id}`,
        detail: {
          conversationId: recording.conversationId,
          format: 'WAV_ULAW',
          result: 'ready',
          host: new URL(result.url).host,
          path: new URL(result.url).pathname,
        },
      })
      expect(linkEntries[0].correlationId).toBe(result.correlationId)
    } finally {
      off()
    }
  })

  it('writes no link query anywhere: not in the audit log, the settings file or anything else in the data folder', async () => {
    const signatures: string[] = []
    for (const format of RECORDING_FORMATS) {
      const result = ready(await link(addRecording(session.sandbox), format))
      const query = new URL(result.url).searchParams
      signatures.push(query.get('X-Amz-Signature')!)
      expect(signatures.at(-1)).toMatch(/^[0-9a-f]{64}$/)
    }
    await call(session.core, 'recordings.policy.set', { defaultFormat: 'MP3' })
    await call(session.core, 'audit.verify', {})
    const files = await allFileTexts(session.dataDir)
    expect(files.some((f) => f.path.includes(`${join(session.dataDir, 'audit')}`))).toBe(true)
    expect(files.some((f) => /settings|config/i.test(f.path))).toBe(true)
    for (const { path, text } of files) {
      for (const signature of signatures) expect(text.includes(signature), `${path} holds a link signature`).toBe(false)
      expect(text, path).not.toMatch(/X-Amz-(Signature|Credential|Date)/)
    }
    const linkEntries = (await auditEntries()).filter((e) => e.action === 'recordings.link')
    expect(linkEntries.length).toBeGreaterThanOrEqual(6)
    for (const entry of linkEntries) expect(JSON.stringify(entry)).not.toContain('?')
  })
})

describe('errors', () => {
  it('a client lacking the view permissions gets a clear 403 naming the permission, and the refusal is audited', async () => {
    const recording = addRecording(session.sandbox)
    session.sandbox.setOptions({ deniedPermissions: ['recording:recording:view', 'recording:recordingSegment:view'] })
    try {
      const failure = await link(recording, 'WAV').then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(AppError)
      expect(failure).toMatchObject({ status: 403, code: 'forbidden' })
      expect((failure as AppError).hint).toContain('recording:recording:view')
      const entry = (await auditEntries()).filter((e) => e.action === 'recordings.link' && e.detail?.recordingId === recording.id)
      expect(entry).toMatchObject([{ outcome: 'error', detail: { result: 'forbidden', status: 403 } }])
    } finally {
      session.sandbox.setOptions({ deniedPermissions: [] })
    }
  })
})
