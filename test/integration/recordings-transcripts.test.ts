import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { syntheticConversation, type SandboxConversation } from '../../src/main/sandbox'
import type { ConversationTranscript, SavedTranscript } from '../../src/shared/contract/recordings'
import { AppError } from '../../src/shared/errors'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { call } from './helpers/privacySession'
import { api, getToken } from './sandbox-helpers'

let session: CoreSession
let folder: string

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
})
afterAll(async () => {
  await session.close()
})
afterEach(async () => {
  session.sandbox.setOptions({ deniedPermissions: [] })
  if (folder) await rm(folder, { recursive: true, force: true })
})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function newFolder(): Promise<string> {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-transcripts-'))
  return folder
}

/** A seeded voice call in `queue`, analysed by Speech and Text Analytics or not. */
function seededCall(analysed: boolean, queue = 'Billing'): SandboxConversation {
  const found = session.sandbox.recordings
    .conversations()
    .find((c) => c.mediaType === 'voice' && c.analysed === analysed && c.queue.name === queue)
  if (!found) throw new Error(`no seeded ${analysed ? 'analysed' : 'unanalysed'} call in ${queue}`)
  return found
}

function customerCommunication(conversation: SandboxConversation): string {
  return conversation.participants.find((p) => p.purpose === 'customer')!.communicationId
}

/** The transcript JSON exactly as the sandbox serves it, fetched without the core. */
async function servedTranscript(conversationId: string, communicationId: string): Promise<Buffer> {
  const token = await getToken(session.sandbox)
  const answer = await api(
    session.sandbox,
    `/api/v2/speechandtextanalytics/conversations/${conversationId}/communications/${communicationId}/transcripturl`,
    token,
  )
  expect(answer.status).toBe(200)
  const { url } = (await answer.json()) as { url: string }
  const file = await fetch(url)
  expect(file.status).toBe(200)
  return Buffer.from(await file.arrayBuffer())
}

async function auditLines(): Promise<string[]> {
  await call(session.core, 'audit.verify', {})
  const dir = join(session.dataDir, 'audit')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'))
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))
  return texts.join('\n').split('\n').filter(Boolean)
}

function available(result: ConversationTranscript) {
  if (result.state !== 'available') throw new Error(`expected a transcript, got ${JSON.stringify(result)}`)
  return result
}

function saved(result: SavedTranscript | ConversationTranscript): SavedTranscript {
  if (result.state !== 'saved') throw new Error(`expected saved files, got ${JSON.stringify(result)}`)
  return result
}

describe('a transcript that exists', () => {
  it('is shown: the customer’s communication, its phrases in time order, customer and agent taking turns', async () => {
    const conversation = seededCall(true, 'Billing')
    const result = available(await call(session.core, 'recordings.transcript', { conversationId: conversation.id }))
    expect(result.conversationStartTime).toBe(new Date(conversation.start).toISOString())
    expect(result.communications.map((c) => c.communicationId)).toEqual([customerCommunication(conversation)])
    const [communication] = result.communications
    expect(communication.language).toBe('en-US')
    const starts = communication.phrases.map((p) => p.startMs)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(starts[0]).toBeGreaterThan(0)
    expect(starts.at(-1)!).toBeLessThan(conversation.end - conversation.start)
    expect(communication.phrases.map((p) => p.speakerLabel).slice(0, 4)).toEqual(['agent', 'customer', 'agent', 'customer'])
    expect(communication.phrases.map((p) => p.speaker).slice(0, 2)).toEqual(['internal', 'external'])
    expect(communication.phrases[1].text).toContain('bill')
  })

  it('is saved: the JSON byte for byte as served, and a readable text in time order; nothing else is left in the folder', async () => {
    const conversation = seededCall(true, 'Support')
    const communicationId = customerCommunication(conversation)
    const target = await newFolder()
    const result = saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }))
    const stem = `${conversation.id}_${communicationId}`
    expect(result.files.map((f) => [f.kind, f.path, f.outcome])).toEqual([
      ['json', join(target, `${stem}.transcript.json`), 'written'],
      ['text', join(target, `${stem}.transcript.txt`), 'written'],
    ])
    expect((await readdir(target)).sort()).toEqual([`${stem}.transcript.json`, `${stem}.transcript.txt`])

    const served = await servedTranscript(conversation.id, communicationId)
    const json = await readFile(result.files[0].path)
    expect(json.equals(served)).toBe(true)
    expect(result.files[0]).toMatchObject({ bytes: served.length, sha256: sha256(served) })

    const text = await readFile(result.files[1].path, 'utf8')
    expect(result.files[1]).toMatchObject({ bytes: Buffer.byteLength(text), sha256: sha256(Buffer.from(text)) })
    const [header, body] = text.split('\n\n')
    expect(header.split('\n')).toEqual([
      `Conversation: ${conversation.id}`,
      `Communication: ${communicationId}`,
      `Started: ${new Date(conversation.start).toISOString()}`,
      'Language: en-US',
    ])
    const lines = body.trimEnd().split('\n')
    const document = JSON.parse(served.toString('utf8')) as { transcripts: { phrases: { text: string }[] }[] }
    expect(lines).toHaveLength(document.transcripts[0].phrases.length)
    for (const line of lines) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] (customer|agent): \S.*$/)
    const times = lines.map((line) => line.slice(1, 9))
    expect(times).toEqual([...times].sort())
    expect(lines[0]).toBe(`[00:00:01] agent: ${document.transcripts[0].phrases[0].text}`)
  })

  it('saved again leaves the same files as they are, and never overwrites a different file: the new one gets "(2)"', async () => {
    const conversation = seededCall(true, 'Sales')
    const stem = `${conversation.id}_${customerCommunication(conversation)}`
    const target = await newFolder()
    const first = saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }))

    const again = saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }))
    expect(again.files.map((f) => [f.path, f.outcome])).toEqual(first.files.map((f) => [f.path, 'unchanged']))
    expect((await readdir(target)).sort()).toEqual([`${stem}.transcript.json`, `${stem}.transcript.txt`])

    const mine = '{"an": "admin’s own edited copy"}'
    await writeFile(first.files[0].path, mine)
    const third = saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }))
    expect(third.files.map((f) => [f.path, f.outcome])).toEqual([
      [join(target, `${stem} (2).transcript.json`), 'renamed'],
      [first.files[1].path, 'unchanged'],
    ])
    expect(await readFile(first.files[0].path, 'utf8')).toBe(mine)
    expect(sha256(await readFile(third.files[0].path))).toBe(first.files[0].sha256)
    expect((await readdir(target)).sort()).toEqual([`${stem} (2).transcript.json`, `${stem}.transcript.json`, `${stem}.transcript.txt`])
  })

  it('keeps fields and speakers the platform adds: shown, saved byte for byte', async () => {
    const conversation: SandboxConversation = {
      ...syntheticConversation(1, Date.UTC(2026, 10, 25, 14, 0, 0), 16_000 * 90 + 44, 'transcripts-extra'),
      analysed: true,
      transcriptExtras: {
        document: { summary: { text: 'a newer field', reasons: ['billing'] }, engineVersion: 7 },
        phrase: { participantPurpose: 'virtualAgent', decoratedText: 'Decorated.', emotion: { label: 'calm', score: 0.9 } },
      },
    }
    session.sandbox.recordings.add(conversation)
    const result = available(await call(session.core, 'recordings.transcript', { conversationId: conversation.id }))
    const phrases = result.communications[0].phrases
    expect(phrases.length).toBeGreaterThan(3)
    expect(new Set(phrases.map((p) => `${p.speaker}/${p.speakerLabel}`))).toEqual(new Set(['virtualAgent/virtualAgent']))

    const target = await newFolder()
    const files = saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target })).files
    const json = await readFile(files[0].path)
    expect(json.equals(await servedTranscript(conversation.id, customerCommunication(conversation)))).toBe(true)
    expect(JSON.parse(json.toString('utf8'))).toMatchObject({ summary: { text: 'a newer field' }, engineVersion: 7 })
    expect(await readFile(files[1].path, 'utf8')).toMatch(/\n\[00:00:01\] virtualAgent: \S/)
  })
})

describe('the transcript link', () => {
  it('is followed only where the profile’s link rule allows: another plain-http host is refused and nothing is read', async () => {
    const conversation = seededCall(true)
    session.sandbox.setPublicUrl(session.sandbox.url.replace('127.0.0.1', 'localhost'))
    try {
      await expect(call(session.core, 'recordings.transcript', { conversationId: conversation.id })).rejects.toMatchObject({
        code: 'server_error',
        message: expect.stringMatching(/^The org answered with a link Switchboard will not follow: it is plain http \(localhost:\d+\)/),
      })
    } finally {
      session.sandbox.setPublicUrl(session.sandbox.url)
    }
  })
})

describe('no transcript', () => {
  it('is said plainly for a call Speech and Text Analytics did not analyse, and saving writes nothing', async () => {
    const conversation = seededCall(false)
    const result = await call(session.core, 'recordings.transcript', { conversationId: conversation.id })
    expect(result).toMatchObject({ state: 'none', conversationId: conversation.id })
    if (result.state !== 'none') throw new Error('expected none')
    expect(result.reason).toMatch(/^Speech and Text Analytics has no transcript for this conversation: it may not be analysed/)
    expect(result.hint).toMatch(/program/)

    const target = await newFolder()
    const save = await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target })
    expect(save).toMatchObject({ state: 'none', reason: result.reason })
    expect(await readdir(target)).toEqual([])
  })

  it('is said for a chat (no call to transcribe) and for a conversation analytics does not know', async () => {
    const chat = session.sandbox.recordings.conversations().find((c) => c.mediaType === 'chat')!
    expect(await call(session.core, 'recordings.transcript', { conversationId: chat.id })).toMatchObject({
      state: 'none',
      reason: expect.stringMatching(/no call/),
    })
    expect(await call(session.core, 'recordings.transcript', { conversationId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      state: 'none',
      reason: expect.stringMatching(/analytics has no conversation with this id/),
    })
  })
})

describe('permissions', () => {
  it('a client without speechAndTextAnalytics:data:view is told which permission is missing', async () => {
    session.sandbox.setOptions({ deniedPermissions: ['speechAndTextAnalytics:data:view'] })
    const conversation = seededCall(true)
    const error = await call(session.core, 'recordings.transcript', { conversationId: conversation.id }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    const failure = error as AppError
    expect(failure.code).toBe('forbidden')
    expect(failure.status).toBe(403)
    expect(failure.message).toBe(
      'Switchboard may not read transcripts: the OAuth client lacks the permission speechAndTextAnalytics:data:view.',
    )
    expect(failure.hint).toMatch(/Add a role with speechAndTextAnalytics:data:view to the OAuth client/)
    expect(failure.correlationId).toMatch(/^[0-9a-f-]{36}$/)

    const target = await newFolder()
    await expect(
      call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(await readdir(target)).toEqual([])
  })

  it('a client without recording:recording:view is told so too', async () => {
    session.sandbox.setOptions({ deniedPermissions: ['recording:recording:view'] })
    await expect(call(session.core, 'recordings.transcript', { conversationId: seededCall(true).id })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('recording:recording:view'),
    })
  })
})

describe('the audit log', () => {
  it('records each reading and save with the conversation, communications, outcome and correlation id; never the text or the link', async () => {
    const conversation = seededCall(true, 'Retention')
    const target = await newFolder()
    saved(await call(session.core, 'recordings.transcript.save', { conversationId: conversation.id, folder: target }))
    session.sandbox.setOptions({ deniedPermissions: ['speechAndTextAnalytics:data:view'] })
    await expect(call(session.core, 'recordings.transcript', { conversationId: conversation.id })).rejects.toBeInstanceOf(AppError)
    const lines = await auditLines()
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const mine = entries.filter((e) => e.target === `conversations/${conversation.id}`)
    expect(mine.map((e) => [e.action, e.outcome])).toEqual([
      ['recordings.transcript', 'ok'],
      ['recordings.transcript.save', 'ok'],
      ['recordings.transcript', 'error'],
    ])
    expect(mine[0].detail).toMatchObject({ state: 'available', found: 1 })
    expect(String((mine[0].detail as Record<string, unknown>).communications)).toContain(customerCommunication(conversation))
    expect(mine[0].correlationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(mine[1].detail).toMatchObject({ files: 2, outcomes: 'written,written' })

    const everything = lines.join('\n')
    expect(everything).not.toMatch(/X-Amz-Signature|X-Amz-Credential|__media\/transcripts/)
    expect(everything).not.toContain('cancel my subscription')
    expect(mine[2].detail).toMatchObject({ code: 'forbidden', status: 403 })
    expect(mine[2].correlationId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
