import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { manualClock, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { api, getToken, rawRequest } from './sandbox-helpers'

interface Presign {
  url: string
  uploadKey: string
  headers: Record<string, string>
}

const md5 = (bytes: Buffer, encoding: 'hex' | 'base64') => createHash('md5').update(bytes).digest(encoding)
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

let sandbox: Sandbox
let dataDir: string
let token: string
/** The sandbox's time, on a whole second (as presigned dates are): it moves only when a test advances it. */
const clock = manualClock(Math.ceil(Date.now() / 1000) * 1000)

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sandbox-uploads-test-'))
  sandbox = await startSandbox({ dataDir, seed: 3, clock })
  token = await getToken(sandbox)
})
afterAll(async () => {
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
})
afterEach(() => {
  sandbox.setFaults({})
  sandbox.setOptions({ rateLimitPerMinute: 300 })
})

async function presign(body: Record<string, unknown>): Promise<Presign> {
  const response = await api(sandbox, '/api/v2/uploads/recordings', token, { method: 'POST', body })
  expect(response.status).toBe(200)
  return (await response.json()) as Presign
}

async function presignFor(bytes: Buffer, fileName: string, extra: Record<string, unknown> = {}): Promise<Presign> {
  return presign({ fileName, contentMd5: md5(bytes, 'base64'), contentType: 'audio/wav', serverSideEncryption: 'AES256', ...extra })
}

function put(target: Presign, bytes: Buffer, headers = target.headers): Promise<Response> {
  return fetch(target.url, { method: 'PUT', headers, body: bytes })
}

function recording(label: string, size = 4096): Buffer {
  const bytes = Buffer.alloc(size)
  bytes.write(`RIFF....WAVE ${label}`)
  for (let i = 64; i < size; i++) bytes[i] = (i * 31 + label.length) & 0xff
  return bytes
}

describe('POST /api/v2/uploads/recordings', () => {
  it('presigns a PUT on the sandbox with the headers to send', async () => {
    const bytes = recording('presign')
    const target = await presignFor(bytes, 'call-1.wav')
    expect(target.url.startsWith(`${sandbox.url}/__uploads/${target.uploadKey}?`)).toBe(true)
    const query = new URL(target.url).searchParams
    expect(query.get('X-Amz-Expires')).toBe('600')
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(target.headers).toEqual({
      'Content-MD5': md5(bytes, 'base64'),
      'Content-Type': 'audio/wav',
      'x-amz-server-side-encryption': 'AES256',
    })

    const longer = await presign({ fileName: 'call-1.wav', contentMd5: md5(bytes, 'base64'), signedUrlTimeoutSeconds: 3600 })
    expect(new URL(longer.url).searchParams.get('X-Amz-Expires')).toBe('3600')
  })

  it.each<[Record<string, unknown>, string]>([
    [{ contentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' }, 'fileName'],
    [{ fileName: 'a.wav', signedUrlTimeoutSeconds: 0 }, 'signedUrlTimeoutSeconds'],
    [{ fileName: 'a.wav', signedUrlTimeoutSeconds: 604_801 }, 'signedUrlTimeoutSeconds'],
    [{ fileName: 'a.wav', contentMd5: 'not-an-md5' }, 'contentMd5'],
    // The SDK documents contentMd5 as base64 (it becomes S3's Content-MD5): the hex digest is refused.
    [{ fileName: 'a.wav', contentMd5: md5(Buffer.from('a recording'), 'hex') }, 'contentMd5'],
    // UploadUrlRequest.fileName: no leading dot, no trailing slash, no whitespace, none of \{^}%`]">[~<#|
    [{ fileName: 'my call #3.wav' }, 'fileName'],
    [{ fileName: '.hidden.wav' }, 'fileName'],
    [{ fileName: 'calls/' }, 'fileName'],
    [{ fileName: 'tab\there.wav' }, 'fileName'],
    ...[...'\\{^}%`]">[~<#|'].map((char): [Record<string, unknown>, string] => [{ fileName: `a${char}b.wav` }, 'fileName']),
    [{ fileName: 'a.wav', serverSideEncryption: 'aws:kms' }, 'serverSideEncryption'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await api(sandbox, '/api/v2/uploads/recordings', token, { method: 'POST', body })
    expect(response.status).toBe(400)
    const error = (await response.json()) as { code: string; status: number; details: { fieldName: string }[]; contextId: string }
    expect(error).toMatchObject({ code: 'bad.request', status: 400 })
    expect(error.details.map((detail) => detail.fieldName)).toContain(field)
  })

  it('accepts file names the real API accepts, dots, dashes, brackets of other kinds and letters of any script included', async () => {
    for (const fileName of ['call-1.wav', 'call_1.final.wav', 'anruf(2)&co.mp3', 'appel-à-03h.wav', 'a/b.wav']) {
      const response = await api(sandbox, '/api/v2/uploads/recordings', token, { method: 'POST', body: { fileName } })
      expect(response.status, fileName).toBe(200)
    }
  })

  it('requires a token like every API route', async () => {
    const response = await api(sandbox, '/api/v2/uploads/recordings', undefined, { method: 'POST', body: { fileName: 'a.wav' } })
    expect(response.status).toBe(401)
  })
})

describe('presigned PUT', () => {
  it('stores the object with the right headers and counts its hash', async () => {
    const bytes = recording('stored')
    const target = await presignFor(bytes, 'stored.wav')
    const response = await put(target, bytes)
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBe(`"${md5(bytes, 'hex')}"`)
    expect(response.headers.get('ININ-Correlation-Id')).toBeNull()

    const stored = sandbox.uploads().find((upload) => upload.key === target.uploadKey)
    expect(stored).toMatchObject({ fileName: 'stored.wav', sha256: sha256(bytes), md5: md5(bytes, 'hex'), size: bytes.length })
    expect(Date.parse(stored!.completedAt)).not.toBeNaN()
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBe(1)
    expect(await readFile(join(dataDir, 'uploads', target.uploadKey))).toEqual(bytes)

    const again = await presignFor(bytes, 'stored-again.wav')
    expect((await put(again, bytes)).status).toBe(200)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBe(2)
  })

  it('does not count PUTs against the API rate limit', async () => {
    sandbox.setOptions({ rateLimitPerMinute: 2 })
    const fresh = await getToken(sandbox)
    const bytes = recording('unmetered')
    const response = await api(sandbox, '/api/v2/uploads/recordings', fresh, {
      method: 'POST',
      body: { fileName: 'u.wav', contentMd5: md5(bytes, 'base64') },
    })
    const target = (await response.json()) as Presign
    for (let i = 0; i < 3; i++) expect((await put(target, bytes)).status).toBe(200)
    expect((await api(sandbox, '/api/v2/organizations/me', fresh)).status).toBe(200)
    expect((await api(sandbox, '/api/v2/organizations/me', fresh)).status).toBe(429)
  })

  it('refuses bytes whose MD5 differs from Content-MD5 with 400 BadDigest and stores nothing', async () => {
    const promised = recording('promised')
    const sent = recording('different')
    const target = await presignFor(promised, 'bad-digest.wav')
    const response = await put(target, sent)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/xml/)
    expect(await response.text()).toMatch(/<Code>BadDigest<\/Code>/)
    expect(sandbox.uploadCountBySha256()[sha256(sent)]).toBeUndefined()
    expect(sandbox.uploads().some((upload) => upload.key === target.uploadKey)).toBe(false)
    expect((await readdir(join(dataDir, 'uploads'))).filter((name) => name.startsWith('.partial'))).toEqual([])
  })

  it('refuses a missing or changed signed header with 403 SignatureDoesNotMatch', async () => {
    const bytes = recording('headers')
    const target = await presignFor(bytes, 'headers.wav')
    const withoutMd5 = Object.fromEntries(Object.entries(target.headers).filter(([name]) => name !== 'Content-MD5'))
    const missing = await put(target, bytes, withoutMd5)
    expect(missing.status).toBe(403)
    expect(await missing.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/)
    const changed = await rawRequest(target.url, {
      method: 'PUT',
      headers: { ...target.headers, 'Content-Type': 'audio/mpeg' },
      body: bytes,
    })
    expect(changed.status).toBe(403)
    expect(changed.headers?.connection).toBe('close')
    const longer = new URL(target.url)
    longer.searchParams.set('X-Amz-Expires', '604800')
    const tampered = await fetch(longer, { method: 'PUT', headers: target.headers, body: bytes })
    expect(tampered.status).toBe(403)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBeUndefined()
  })

  it('refuses an expired presign with 403 "Request has expired"', async () => {
    const bytes = recording('expired')
    const signedAt = clock.now()
    const target = await presignFor(bytes, 'expired.wav', { signedUrlTimeoutSeconds: 1 })
    clock.advance(1001)
    const response = await put(target, bytes)
    expect(response.status).toBe(403)
    const body = await response.text()
    expect(body).toMatch(/<Code>AccessDenied<\/Code>/)
    expect(body).toMatch(/<Message>Request has expired<\/Message>/)
    expect(body).toContain(`<Expires>${new Date(signedAt + 1000).toISOString()}</Expires>`)
    expect(body).toContain(`<ServerTime>${new Date(signedAt + 1001).toISOString()}</ServerTime>`)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBeUndefined()
  })

  it('answers injected 503s in S3 terms and stores nothing', async () => {
    const bytes = recording('unavailable')
    const target = await presignFor(bytes, 'unavailable.wav')
    sandbox.setFaults({ errorRate5xx: 1, routes: '^/__uploads/' })
    const response = await put(target, bytes)
    expect([502, 503, 504]).toContain(response.status)
    expect(await response.text()).toMatch(/<Error><Code>/)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBeUndefined()
  })

  it('resets the connection in the middle of the body, stores nothing, and a retry stores it once', async () => {
    const bytes = recording('reset', 256 * 1024)
    const target = await presignFor(bytes, 'reset.wav')
    sandbox.setFaults({ resetRate: 1, routes: '^/__uploads/' })
    const outcome = await rawRequest(target.url, { method: 'PUT', headers: target.headers, body: bytes })
    expect(outcome.status).toBeUndefined()
    expect(outcome.error?.code).toMatch(/ECONNRESET|EPIPE/)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBeUndefined()
    expect(sandbox.stats().status.reset).toBeGreaterThanOrEqual(1)

    sandbox.setFaults({})
    expect((await put(target, bytes)).status).toBe(200)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBe(1)
  })

  it('counts a PUT as in progress until the storage has stored it or dropped it', async () => {
    const inProgress = () => sandbox.stats().putsInProgress
    expect(inProgress()).toBe(0)
    const bytes = recording('in-progress')
    const target = await presignFor(bytes, 'in-progress.wav')
    const answered = new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(
        target.url,
        { method: 'PUT', headers: { ...target.headers, 'Content-Length': String(bytes.length) } },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode))
        },
      )
      request.on('error', reject)
      request.write(bytes.subarray(0, 1000))
      // Half a body: the storage is still reading it, and nothing is stored yet.
      void vi
        .waitFor(() => expect(inProgress()).toBe(1), { timeout: 10_000, interval: 10 })
        .then(() => {
          expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBeUndefined()
          request.end(bytes.subarray(1000))
        }, reject)
    })
    expect(await answered).toBe(200)
    expect(inProgress()).toBe(0)
    expect(sandbox.uploadCountBySha256()[sha256(bytes)]).toBe(1)

    const dropped = recording('dropped')
    const droppedTarget = await presignFor(dropped, 'dropped.wav')
    const request = httpRequest(droppedTarget.url, {
      method: 'PUT',
      headers: { ...droppedTarget.headers, 'Content-Length': String(dropped.length) },
    })
    request.on('error', () => undefined)
    request.write(dropped.subarray(0, 1000))
    await vi.waitFor(() => expect(inProgress()).toBe(1), { timeout: 10_000, interval: 10 })
    request.destroy()
    await vi.waitFor(() => expect(inProgress()).toBe(0), { timeout: 10_000, interval: 10 })
    expect(sandbox.uploadCountBySha256()[sha256(dropped)]).toBeUndefined()
  })

  it('streams a 200 MiB body to disk without holding it in memory', async () => {
    const chunk = recording('large', 1024 * 1024)
    const chunks = 200
    const md5Hash = createHash('md5')
    const shaHash = createHash('sha256')
    for (let i = 0; i < chunks; i++) {
      md5Hash.update(chunk)
      shaHash.update(chunk)
    }
    const target = await presign({ fileName: 'large.wav', contentMd5: md5Hash.digest('base64'), contentType: 'audio/wav' })
    const baseline = process.memoryUsage().arrayBuffers
    let peak = baseline
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(
        target.url,
        { method: 'PUT', headers: { ...target.headers, 'Content-Length': String(chunk.length * chunks) } },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode))
        },
      )
      request.on('error', reject)
      let sent = 0
      const writeMore = () => {
        while (sent < chunks) {
          sent += 1
          peak = Math.max(peak, process.memoryUsage().arrayBuffers)
          if (!request.write(chunk)) return void request.once('drain', writeMore)
        }
        request.end()
      }
      writeMore()
    })
    expect(status).toBe(200)
    const stored = sandbox.uploads().find((upload) => upload.key === target.uploadKey)
    expect(stored).toMatchObject({ size: chunk.length * chunks, sha256: shaHash.digest('hex') })
    expect((peak - baseline) / 2 ** 20).toBeLessThan(100)
  })
})

describe('upload reports', () => {
  it('creates a report, which completes on a later poll and links to a CSV of the uploads', async () => {
    const since = new Date(clock.now() - 1000).toISOString()
    const bytes = recording('reported')
    const done = await presignFor(bytes, 'reported.wav')
    expect((await put(done, bytes)).status).toBe(200)
    const pending = await presignFor(recording('pending'), 'pending,quoted.wav')

    const created = await api(sandbox, '/api/v2/recording/uploads/reports', token, { method: 'POST', body: { dateSince: since } })
    expect(created.status).toBe(200)
    const { id } = (await created.json()) as { id: string }
    const first = (await (await api(sandbox, `/api/v2/recording/uploads/reports/${id}`, token)).json()) as Record<string, unknown>
    expect(first).toMatchObject({ id, state: 'InProgress' })
    expect(first.signedUrl).toBeUndefined()
    const second = (await (await api(sandbox, `/api/v2/recording/uploads/reports/${id}`, token)).json()) as {
      state: string
      signedUrl: string
    }
    expect(second.state).toBe('Completed')

    const file = await fetch(second.signedUrl)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/text\/csv/)
    const lines = (await file.text()).trim().split('\r\n')
    expect(lines[0]).toBe('uploadKey,fileName,uploadStatus,dateCreated,dateUploaded,sizeBytes,contentMd5,errorMessage')
    expect(lines.find((line) => line.startsWith(done.uploadKey))).toMatch(/,reported\.wav,Success,.*,4096,/)
    expect(lines.find((line) => line.startsWith(done.uploadKey))).toContain(
      `,Success,${new Date(clock.now()).toISOString()},${new Date(clock.now()).toISOString()},`,
    )
    expect(lines.find((line) => line.startsWith(pending.uploadKey))).toContain(',"pending,quoted.wav",Pending,')

    const tampered = new URL(second.signedUrl)
    tampered.searchParams.set('X-Amz-Expires', '999999')
    expect((await fetch(tampered)).status).toBe(403)
  })

  it('filters by uploadStatus', async () => {
    const since = new Date(clock.now() - 1000).toISOString()
    const bytes = recording('filtered')
    const done = await presignFor(bytes, 'filtered.wav')
    expect((await put(done, bytes)).status).toBe(200)
    const pending = await presignFor(recording('filtered-pending'), 'filtered-pending.wav')
    const created = await api(sandbox, '/api/v2/recording/uploads/reports', token, {
      method: 'POST',
      body: { dateSince: since, uploadStatus: 'Pending' },
    })
    const { id } = (await created.json()) as { id: string }
    await api(sandbox, `/api/v2/recording/uploads/reports/${id}`, token)
    const { signedUrl } = (await (await api(sandbox, `/api/v2/recording/uploads/reports/${id}`, token)).json()) as { signedUrl: string }
    const csv = await (await fetch(signedUrl)).text()
    expect(csv).toContain(pending.uploadKey)
    expect(csv).not.toContain(done.uploadKey)
  })

  it('refuses a bad report request and an unknown report id', async () => {
    const bad = await api(sandbox, '/api/v2/recording/uploads/reports', token, {
      method: 'POST',
      body: { dateSince: 'yesterday', uploadStatus: 'Done' },
    })
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()) as { details: { fieldName: string }[] }).details.map((detail) => detail.fieldName)
    expect(fields).toEqual(expect.arrayContaining(['dateSince', 'uploadStatus']))
    const unknown = await api(sandbox, '/api/v2/recording/uploads/reports/00000000-0000-4000-8000-000000000000', token)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ code: 'not.found' })
  })
})
