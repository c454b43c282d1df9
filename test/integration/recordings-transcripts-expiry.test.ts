/**
 * A transcript link that expired between being given and being read: a real proxy in front of the
 * sandbox moves the sandbox's clock past the link's lifetime the moment the link is used, so the
 * sandbox itself answers 403 "Request has expired"; the core must ask Genesys for a fresh link.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IncomingMessage } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core'
import { manualClock, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { TRANSCRIPT_URL_SECONDS } from '../../src/main/sandbox/routes/speechAnalytics'
import { openTestCore } from './helpers/coreSession'
import { startInterceptProxy, type InterceptProxy } from './helpers/interceptProxy'
import { call } from './helpers/privacySession'

const clock = manualClock(Date.UTC(2026, 10, 30, 12, 0, 0))
let sandbox: Sandbox
let proxy: InterceptProxy
let core: Core
let dataDir: string
/** What to do with the next transcript-file requests: expire the link first, or let it through. */
let expireNext = 0
let linkRequests: string[] = []

function watch(req: IncomingMessage): 'forward' {
  const path = (req.url ?? '').split('?')[0]
  if (path.endsWith('/transcripturl')) linkRequests.push(path)
  if (path.startsWith('/__media/transcripts/') && expireNext > 0) {
    expireNext--
    clock.advance((TRANSCRIPT_URL_SECONDS + 1) * 1000)
  }
  return 'forward'
}

beforeAll(async () => {
  sandbox = await startSandbox({ clock, rateLimitPerMinute: 100_000 })
  proxy = await startInterceptProxy(sandbox.url, watch)
  // The links the sandbox hands out point at the proxy, which is also the profile's (loopback) origin.
  sandbox.setPublicUrl(proxy.url)
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-transcripts-expiry-'))
  core = await openTestCore(dataDir, { url: proxy.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret })
})
afterAll(async () => {
  await core.close()
  await proxy.close()
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
})
beforeEach(() => {
  expireNext = 0
  linkRequests = []
})

const analysedCall = () => sandbox.recordings.conversations().find((c) => c.mediaType === 'voice' && c.analysed)!
const customerOf = (id: string) => sandbox.recordings.conversation(id)!.participants.find((p) => p.purpose === 'customer')!.communicationId

describe('an expired transcript link', () => {
  it('is asked for again, and the fresh link serves the transcript', async () => {
    const conversation = analysedCall()
    expireNext = 1
    const result = await call(core, 'recordings.transcript', { conversationId: conversation.id })
    expect(result.state).toBe('available')
    const customer = customerOf(conversation.id)
    const customerLinks = linkRequests.filter((path) => path.includes(customer))
    expect(customerLinks).toHaveLength(2)
    expect(expireNext).toBe(0)
  })

  it('that keeps expiring is reported after one fresh try, not asked for forever', async () => {
    const conversation = analysedCall()
    expireNext = 10
    await expect(call(core, 'recordings.transcript', { conversationId: conversation.id })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(
        /refused by 127\.0\.0\.1:\d+: Request has expired \(AccessDenied\), even after asking Genesys Cloud for a fresh one/,
      ),
    })
    expect(linkRequests.filter((path) => path.includes(customerOf(conversation.id)))).toHaveLength(2)
    expect(expireNext).toBe(8)
  })
})
