import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import axios from 'axios'
import FormData from 'form-data'
import platformClient from 'purecloud-platform-client-v2'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SANDBOX_PROMPT_SEEDS, startSandbox, type PromptAssetView, type PromptView, type Sandbox } from '../../src/main/sandbox'
import { copyFixture, PNG_BYTES, wavBytes } from '../fixtures/audio'
import { api, getToken, UUID } from './sandbox-helpers'

type Page<T> = { entities: T[]; total: number; pageCount: number; pageNumber: number }
type ErrorBody = { status: number; code: string; message: string; contextId: string; details: { fieldName?: string }[] }

const PROMPTS = '/api/v2/architect/prompts'

let sandbox: Sandbox
let token: string
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-prompts-'))
  sandbox = await startSandbox({ promptTranscodeMs: 0, dataDir: join(dir, 'data') })
  token = await getToken(sandbox)
})
afterAll(async () => {
  await sandbox.close()
  await rm(dir, { recursive: true, force: true })
})

async function call<T>(path: string, expectedStatus: number, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await api(sandbox, path, token, init)
  expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(expectedStatus)
  if (expectedStatus >= 400) expect(response.headers.get('inin-correlation-id')).toMatch(UUID)
  return (await response.json()) as T
}

async function newResource(name: string, language = 'en-us'): Promise<{ prompt: PromptView; asset: PromptAssetView }> {
  const prompt = await call<PromptView>(PROMPTS, 200, { method: 'POST', body: { name, description: `${name} for a test` } })
  const asset = await call<PromptAssetView>(`${PROMPTS}/${prompt.id}/resources`, 200, { method: 'POST', body: { language } })
  return { prompt, asset }
}

function wavForm(bytes: Buffer, fileName = 'audio.wav', field = 'file'): globalThis.FormData {
  const form = new globalThis.FormData()
  form.append('description', 'sent beside the file')
  form.append(field, new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), fileName)
  return form
}

function upload(uri: string, body: globalThis.FormData | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(uri, { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...headers }, body: body as RequestInit['body'] })
}

async function settledAsset(asset: PromptAssetView): Promise<PromptAssetView> {
  return vi.waitFor(async () => {
    const current = await call<PromptAssetView>(asset.selfUri, 200)
    expect(['transcoded', 'transcodeFailed']).toContain(current.uploadStatus)
    return current
  })
}

describe('sandbox: Architect prompts', () => {
  it('lists the seeds and finds prompts by whole name, case-insensitively, with * as a wildcard', async () => {
    const all = await call<Page<PromptView>>(`${PROMPTS}?pageSize=100&sortBy=name&sortOrder=asc`, 200)
    const seeds = all.entities.filter((prompt) => Object.values(SANDBOX_PROMPT_SEEDS).includes(prompt.id as never))
    expect(seeds.map((prompt) => prompt.name)).toEqual(['closed_message', 'hold_music', 'welcome_message'])
    const closed = seeds[0].resources.map((r) => [r.language, r.uploadStatus, r.languageDefault])
    expect(closed).toEqual([
      ['en-us', 'transcoded', true],
      ['fr-fr', 'transcoded', false],
    ])
    expect(seeds[1].resources.map((r) => r.uploadStatus)).toEqual(['transcodeFailed'])

    const byName = async (name: string) =>
      (await call<Page<PromptView>>(`${PROMPTS}?name=${encodeURIComponent(name)}`, 200)).entities.map((p) => p.name)
    expect(await byName('WELCOME_MESSAGE')).toEqual(['welcome_message'])
    expect(await byName('welcome')).toEqual([])
    expect(await byName('*_message')).toEqual(['closed_message', 'welcome_message'])
    expect(await byName('h*')).toEqual(['hold_music'])
    expect(sandbox.prompts.byName('Hold_Music')?.id).toBe(SANDBOX_PROMPT_SEEDS.hold_music)
  })

  it('creates a prompt, refuses a taken name (any case) with 409 and names Architect refuses with 400', async () => {
    const created = await call<PromptView>(PROMPTS, 200, { method: 'POST', body: { name: 'Queue_Full_2', description: 'All agents busy' } })
    expect(created).toMatchObject({
      name: 'Queue_Full_2',
      description: 'All agents busy',
      resources: [],
      selfUri: `${PROMPTS}/${created.id}`,
    })
    expect(created.id).toMatch(UUID)
    expect(sandbox.prompts.get(created.id)?.name).toBe('Queue_Full_2')

    const taken = await call<ErrorBody>(PROMPTS, 409, { method: 'POST', body: { name: 'queue_FULL_2' } })
    expect(taken).toMatchObject({ status: 409, code: 'general.conflict' })
    for (const name of ['2nd_queue', 'queue-full', 'queue full', '_queue', '', 'q'.repeat(201)]) {
      const refused = await call<ErrorBody>(PROMPTS, 400, { method: 'POST', body: { name } })
      expect(refused.details, name).toEqual([expect.objectContaining({ fieldName: 'name' })])
    }
    await call<PromptView>(PROMPTS, 200, { method: 'POST', body: { name: 'q'.repeat(200) } })
  })

  it('takes a resource through created, uploaded and transcoded; the part read back byte for byte, served at mediaUri', async () => {
    const { prompt, asset } = await newResource('lifecycle_prompt', 'EN-US')
    expect(asset).toMatchObject({ promptId: prompt.id, language: 'en-us', uploadStatus: 'created', languageDefault: true })
    expect(asset.uploadUri).toBe(`${sandbox.url}/uploads/v2/prompts/${prompt.id}/en-us`)
    expect(asset.mediaUri).toBeUndefined()
    const taken = await call<ErrorBody>(`${PROMPTS}/${prompt.id}/resources`, 409, { method: 'POST', body: { language: 'en-us' } })
    expect(taken.details).toEqual([expect.objectContaining({ fieldName: 'language' })])

    // A long transcode first: the resource is seen `uploaded`; the next upload replaces it and its transcode.
    sandbox.setOptions({ promptTranscodeMs: 3_600_000 })
    expect((await upload(asset.uploadUri, wavForm(wavBytes({ variant: 1 })))).status).toBe(200)
    expect((await call<PromptAssetView>(asset.selfUri, 200)).uploadStatus).toBe('uploaded')
    sandbox.setOptions({ promptTranscodeMs: 0 })

    const wav = wavBytes({ bytes: 16_044, variant: 2 })
    const answer = await upload(asset.uploadUri, wavForm(wav, 'lifecycle_prompt.en-us.wav'))
    expect(answer.status).toBe(200)
    const done = await settledAsset(asset)
    expect(done).toMatchObject({ uploadStatus: 'transcoded', durationSeconds: 1 })
    expect(await sandbox.prompts.upload(prompt.id, 'en-us')).toMatchObject({
      bytes: wav,
      fieldName: 'file',
      fileName: 'lifecycle_prompt.en-us.wav',
      contentType: 'audio/wav',
    })
    const media = await fetch(done.mediaUri!)
    expect(media.status).toBe(200)
    expect(media.headers.get('content-type')).toBe('audio/wav')
    expect(Buffer.from(await media.arrayBuffer()).equals(wav)).toBe(true)

    await call<PromptAssetView>(asset.selfUri, 200, { method: 'PUT', body: { ttsString: 'Please hold.' } })
    expect(sandbox.prompts.get(prompt.id)?.resources[0].ttsString).toBe('Please hold.')
    expect((await api(sandbox, asset.selfUri, token, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(done.mediaUri!)).status).toBe(404)
  })

  it('reads a file part without a filename or content type, byte for byte', async () => {
    const { prompt, asset } = await newResource('bare_part_prompt')
    const wav = wavBytes({ bytes: 2_044, variant: 3 })
    const boundary = 'sandbox-boundary-3f2a'
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`),
      wav,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const answer = await upload(asset.uploadUri, body, { 'Content-Type': `multipart/form-data; boundary=${boundary}` })
    expect(answer.status).toBe(200)
    const stored = await sandbox.prompts.upload(prompt.id, 'en-us')
    expect(stored?.bytes.equals(wav)).toBe(true)
    expect(stored?.fileName).toBeUndefined()
  })

  it('ends in transcodeFailed for a WAV without samples', async () => {
    const { prompt, asset } = await newResource('corrupt_prompt')
    const corrupt = await readFile(await copyFixture('header-only.wav', join(dir, 'header-only.wav')))
    expect((await upload(asset.uploadUri, wavForm(corrupt))).status).toBe(200)
    const done = await settledAsset(asset)
    expect(done.uploadStatus).toBe('transcodeFailed')
    expect(done.mediaUri).toBeUndefined()
    expect((await sandbox.prompts.upload(prompt.id, 'en-us'))?.bytes.equals(corrupt)).toBe(true)
  })

  it('refuses a non-WAV (415), a body that is not multipart (415), no `file` field (400) and a file over the cap (413)', async () => {
    const { prompt, asset } = await newResource('refused_prompt')
    const png = await upload(asset.uploadUri, wavForm(PNG_BYTES, 'logo.wav'))
    expect(png.status).toBe(415)
    expect(((await png.json()) as ErrorBody).code).toBe('unsupported.media.type')
    const raw = await upload(asset.uploadUri, wavBytes(), { 'Content-Type': 'audio/wav' })
    expect(raw.status).toBe(415)
    const noFile = await upload(asset.uploadUri, wavForm(wavBytes(), 'audio.wav', 'audio'))
    expect(noFile.status).toBe(400)
    expect(((await noFile.json()) as ErrorBody).details).toEqual([expect.objectContaining({ fieldName: 'file' })])

    sandbox.setOptions({ promptUploadMaxBytes: 4_000 })
    try {
      const over = await upload(asset.uploadUri, wavForm(wavBytes({ bytes: 4_002 })))
      expect(over.status).toBe(413)
      const body = (await over.json()) as ErrorBody
      expect(body).toMatchObject({ status: 413, code: 'request.entity.too.large' })
      expect(body.contextId).toMatch(UUID)
      // Declared far over the cap: refused on its Content-Length, the body read and thrown away.
      const declared = await upload(asset.uploadUri, wavForm(wavBytes({ bytes: 400_000 })))
      expect(declared.status).toBe(413)
      expect((await upload(asset.uploadUri, wavForm(wavBytes({ bytes: 4_000 })))).status).toBe(200)
    } finally {
      sandbox.setOptions({ promptUploadMaxBytes: 25_000_000 })
    }
    expect((await sandbox.prompts.upload(prompt.id, 'en-us'))?.bytes.length).toBe(4_000)
    // Nothing a refused upload wrote is left behind.
    expect((await readdir(join(dir, 'data', 'prompts'))).filter((name) => name.startsWith('.partial'))).toEqual([])
  })

  it('answers 403 to a client without the userPrompt permission each call needs', async () => {
    const { prompt, asset } = await newResource('permission_prompt')
    try {
      sandbox.setOptions({ deniedPermissions: ['architect:userPrompt:add'] })
      expect((await call<ErrorBody>(PROMPTS, 403, { method: 'POST', body: { name: 'not_allowed' } })).message).toContain(
        'architect:userPrompt:add',
      )
      await call<Page<PromptView>>(PROMPTS, 200)

      sandbox.setOptions({ deniedPermissions: ['architect:userPrompt:edit'] })
      await call<ErrorBody>(`${PROMPTS}/${prompt.id}/resources`, 403, { method: 'POST', body: { language: 'fr-fr' } })
      const refused = await upload(asset.uploadUri, wavForm(wavBytes()))
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as ErrorBody).code).toBe('missing.permissions')

      sandbox.setOptions({ deniedPermissions: ['architect:userPrompt:view'] })
      await call<ErrorBody>(PROMPTS, 403)
      await call<ErrorBody>(asset.selfUri, 403)
    } finally {
      sandbox.setOptions({ deniedPermissions: [] })
    }
    expect(sandbox.prompts.byName('not_allowed')).toBeUndefined()
    expect(sandbox.prompts.get(prompt.id)?.resources.map((r) => r.uploadStatus)).toEqual(['created'])
  })

  it('works with the official SDK ArchitectApi, the audio sent with form-data and axios as the official example does', async () => {
    const client = platformClient.ApiClient.instance
    client.setGateway({ protocol: 'http', host: '127.0.0.1', port: sandbox.port })
    const auth = await client.loginClientCredentialsGrant(sandbox.clientId, sandbox.clientSecret)
    const architect = new platformClient.ArchitectApi()
    const prompt = await architect.postArchitectPrompts({ name: 'sdk_prompt', description: 'made by the SDK' })
    const asset = await architect.postArchitectPromptResources(prompt.id!, { language: 'fr-fr', ttsString: 'Bonjour' })
    expect(asset.uploadStatus).toBe('created')

    const wav = wavBytes({ bytes: 8_044, variant: 4 })
    const form = new FormData()
    form.append('file', wav, { filename: 'sdk_prompt.fr-fr.wav', contentType: 'audio/wav' })
    const sent = await axios.post(asset.uploadUri!, form, {
      headers: { ...form.getHeaders(), Authorization: `bearer ${auth.accessToken}` },
    })
    expect(sent.status).toBe(200)

    const done = await vi.waitFor(async () => {
      const current = await architect.getArchitectPromptResource(prompt.id!, 'fr-fr')
      expect(current.uploadStatus).toBe('transcoded')
      return current
    })
    expect(done).toMatchObject({ language: 'fr-fr', ttsString: 'Bonjour', durationSeconds: 0.5 })
    expect((await sandbox.prompts.upload(prompt.id!, 'fr-fr'))?.bytes.equals(wav)).toBe(true)

    // The SDK sends the lists `name` and `language` comma-separated.
    const found = await architect.getArchitectPrompts({ name: ['WELCOME_message', 'hold*'], sortBy: 'name', sortOrder: 'desc' })
    expect(found.entities?.map((p) => p.name)).toEqual(['welcome_message', 'hold_music'])
    const french = await architect.getArchitectPrompts({ language: ['fr-fr'], includeMediaUris: false })
    expect(french.entities?.map((p) => p.name)).toEqual(['closed_message', 'sdk_prompt'])
    expect(french.entities?.flatMap((p) => p.resources ?? []).some((r) => r.mediaUri !== undefined)).toBe(false)
  })
})
