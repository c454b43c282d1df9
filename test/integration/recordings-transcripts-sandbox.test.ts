/** The sandbox's Speech and Text Analytics transcripts and conversation details, as a client sees them on the wire. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxConversation } from '../../src/main/sandbox'
import { api, getToken } from './sandbox-helpers'

let sandbox: Sandbox
let token: string

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 })
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())
afterEach(() => sandbox.setOptions({ deniedPermissions: [] }))

const analysed = () => sandbox.recordings.conversations().find((c) => c.mediaType === 'voice' && c.analysed)!
const communicationOf = (c: SandboxConversation, purpose: string) => c.participants.find((p) => p.purpose === purpose)!.communicationId
const sta = (c: SandboxConversation, communicationId: string, what: 'transcripturl' | 'transcripturls') =>
  `/api/v2/speechandtextanalytics/conversations/${c.id}/communications/${communicationId}/${what}`

describe('the sandbox’s transcripts', () => {
  it('gives a presigned link on the customer’s communication, serving the transcript JSON in the platform’s shape', async () => {
    const conversation = analysed()
    const customer = communicationOf(conversation, 'customer')
    const answer = await api(sandbox, sta(conversation, customer, 'transcripturl'), token)
    expect(answer.status).toBe(200)
    const { url } = (await answer.json()) as { url: string }
    expect(url).toMatch(
      new RegExp(`^${sandbox.url}/__media/transcripts/${conversation.id}/${customer}\\?.*X-Amz-Expires=\\d+.*X-Amz-Signature=`),
    )
    const file = await fetch(url)
    expect(file.headers.get('content-type')).toMatch(/^application\/json/)
    const document = (await file.json()) as Record<string, unknown> & { transcripts: Record<string, unknown>[] }
    expect(document).toMatchObject({
      conversationId: conversation.id,
      communicationId: customer,
      conversationStartTime: conversation.start,
      duration: { milliseconds: conversation.end - conversation.start },
    })
    expect(document.transcripts[0]).toMatchObject({ language: 'en-US', startTime: conversation.start })
    const phrases = document.transcripts[0].phrases as { participantPurpose: string; words: unknown[]; startTimeMs: number }[]
    expect(new Set(phrases.map((p) => p.participantPurpose))).toEqual(new Set(['external', 'internal']))
    expect(phrases[0].words.length).toBeGreaterThan(2)
    expect(phrases.every((p) => p.startTimeMs >= conversation.start && p.startTimeMs < conversation.end)).toBe(true)
    expect(document.transcripts[0]).toHaveProperty('analytics.sentiment')
    expect(document).toHaveProperty('participants')
  })

  it('lists a link per audio recording under transcripturls', async () => {
    const conversation = analysed()
    const customer = communicationOf(conversation, 'customer')
    const answer = await api(sandbox, sta(conversation, customer, 'transcripturls'), token)
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as {
      conversation: { id: string }
      communicationId: string
      urls: { recording: { id: string }; url: string }[]
    }
    expect(body.conversation.id).toBe(conversation.id)
    expect(body.communicationId).toBe(customer)
    expect(body.urls.map((u) => u.recording.id)).toEqual(conversation.recordings.filter((r) => r.media === 'audio').map((r) => r.id))
  })

  it('answers 404 with the platform’s body for the agent’s communication and for an unanalysed call', async () => {
    const conversation = analysed()
    const agent = await api(sandbox, sta(conversation, communicationOf(conversation, 'agent'), 'transcripturl'), token)
    expect(agent.status).toBe(404)
    expect(await agent.json()).toMatchObject({ status: 404, code: 'not.found' })
    const other = sandbox.recordings.conversations().find((c) => c.mediaType === 'voice' && !c.analysed)!
    expect((await api(sandbox, sta(other, communicationOf(other, 'customer'), 'transcripturl'), token)).status).toBe(404)
  })

  it('needs both recording:recording:view and speechAndTextAnalytics:data:view', async () => {
    const conversation = analysed()
    for (const permission of ['recording:recording:view', 'speechAndTextAnalytics:data:view']) {
      sandbox.setOptions({ deniedPermissions: [permission] })
      const answer = await api(sandbox, sta(conversation, communicationOf(conversation, 'customer'), 'transcripturl'), token)
      expect(answer.status).toBe(403)
      expect(((await answer.json()) as { message: string }).message).toContain(permission)
    }
  })

  it('refuses an edited link', async () => {
    const conversation = analysed()
    const answer = await api(sandbox, sta(conversation, communicationOf(conversation, 'customer'), 'transcripturl'), token)
    const { url } = (await answer.json()) as { url: string }
    const edited = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=999999')
    const refused = await fetch(edited)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })
})

describe('the sandbox’s conversation details', () => {
  it('lists each participant with a session whose id is the communication id', async () => {
    const conversation = analysed()
    const answer = await api(sandbox, `/api/v2/analytics/conversations/${conversation.id}/details`, token)
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as {
      conversationId: string
      participants: { purpose: string; sessions: { sessionId: string; mediaType: string }[] }[]
    }
    expect(body.conversationId).toBe(conversation.id)
    expect(body.participants.map((p) => [p.purpose, p.sessions[0].sessionId, p.sessions[0].mediaType])).toEqual(
      conversation.participants.map((p) => [p.purpose, p.communicationId, 'voice']),
    )
  })

  it('answers 404 for an unknown conversation and 403 without analytics:conversationDetail:view', async () => {
    expect((await api(sandbox, '/api/v2/analytics/conversations/00000000-0000-4000-8000-000000000000/details', token)).status).toBe(404)
    sandbox.setOptions({ deniedPermissions: ['analytics:conversationDetail:view', 'analytics:agentConversationDetail:view'] })
    expect((await api(sandbox, `/api/v2/analytics/conversations/${analysed().id}/details`, token)).status).toBe(403)
  })
})
