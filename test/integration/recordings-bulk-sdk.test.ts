import platformClient from 'purecloud-platform-client-v2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, type ManualClock, type Sandbox } from '../../src/main/sandbox'
import { ESTIMATE_MS } from '../../src/main/sandbox/recordings/recordingJobs'

let sandbox: Sandbox
let clock: ManualClock

beforeAll(async () => {
  clock = manualClock(Date.now())
  sandbox = await startSandbox({ clock })
  const client = platformClient.ApiClient.instance
  client.setGateway({ protocol: 'http', host: '127.0.0.1', port: sandbox.port })
  await client.loginClientCredentialsGrant(sandbox.clientId, sandbox.clientSecret)
})
afterAll(() => sandbox.close())

/** The sandbox's recording jobs read by the official SDK's own models: the same paths, fields and paging. */
describe('recording bulk jobs through the official SDK', () => {
  it('finds the S3 integration, creates, estimates, executes and lists a job by cursor', async () => {
    const integrations = await new platformClient.IntegrationsApi().getIntegrations({ pageSize: 100 })
    const s3 = (integrations.entities ?? []).find((i) => i.integrationType?.id === 'aws-s3-recording-bulk-actions-integration')
    expect(s3?.id).toBeTruthy()

    const recording = new platformClient.RecordingApi()
    const now = clock.now()
    const job = await recording.postRecordingJobs({
      action: 'EXPORT',
      actionDate: new Date(now).toISOString(),
      integrationId: s3?.id,
      includeScreenRecordings: true,
      conversationQuery: { interval: `${new Date(now - 11 * 86_400_000).toISOString()}/${new Date(now).toISOString()}` },
    })
    expect(job.state).toBe('PENDING')
    clock.advance(ESTIMATE_MS)
    const ready = await recording.getRecordingJob(job.id as string)
    expect(ready.state).toBe('READY')
    expect(ready.totalRecordings).toBeGreaterThan(0)
    const executed = await recording.putRecordingJob(job.id as string, { state: 'PROCESSING' })
    expect(executed.state).toBe('PROCESSING')

    const first = await recording.getRecordingJobs({ pageSize: 1, includeTotal: false })
    expect(first.entities).toHaveLength(1)
    const cursor = new URLSearchParams((first.nextUri ?? '').split('?')[1]).get('cursor')
    expect(cursor).toBeTruthy()
    const second = await recording.getRecordingJobs({ pageSize: 1, includeTotal: false, cursor: cursor as string })
    expect(second.entities?.[0]?.id).not.toBe(first.entities?.[0]?.id)

    const failed = await recording.getRecordingJobFailedrecordings(job.id as string, { pageSize: 100 })
    expect(failed.entities).toEqual([])
    const tooMany = await recording.getRecordingJobFailedrecordings(job.id as string, { pageSize: 101 }).catch((e: unknown) => e)
    expect((tooMany as { status?: number }).status).toBe(400)
  })
})
