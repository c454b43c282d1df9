import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { startRecordingListener, type RecordingListener } from './helpers/recordingListener'

const OTHER_CLIENT_ID = 'abcdef12-other-client'
const MY_SECRET = 'my-very-own-secret-value'

let sandbox: Sandbox
let listener: RecordingListener
let dataDir: string
let core: Core | undefined

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-secret-binding-'))
  listener = await startRecordingListener()
})
afterEach(async () => {
  await core?.close()
  core = undefined
  await listener.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Starts (or restarts) the core on the test's data folder, as the app does at launch. */
async function openCore(): Promise<Core> {
  await core?.close()
  core = await createCore({
    dataDir,
    shell: 'web',
    version: 'test',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  return core
}

const settingsFile = () => join(dataDir, 'config.json')

/** Edits the saved profiles the way someone with the settings file open in an editor would. */
async function editSettingsByHand(edit: (profile: Record<string, unknown>) => void): Promise<void> {
  await core?.close()
  core = undefined
  const settings = JSON.parse(await readFile(settingsFile(), 'utf8')) as { profiles: Record<string, unknown>[] }
  for (const profile of settings.profiles) edit(profile)
  await writeFile(settingsFile(), JSON.stringify(settings, null, 2))
}

/** Requests that reached the listener carrying the secret in an Authorization header. */
function secretCarriers(secret: string): string[] {
  return listener.requests
    .map((r) => r.headers.authorization ?? '')
    .filter((auth) => auth.startsWith('Basic ') && Buffer.from(auth.slice(6), 'base64').toString('utf8').includes(secret))
}

describe('a stored secret is bound to the client id and token host it was entered for', () => {
  it('editing the gateway URL without the secret drops it: Test connection sends nothing to the new address', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      gatewayUrl: sandbox.url,
    })
    await expect(c.handlers['profiles.test']({ id: saved.id })).resolves.toMatchObject({ orgName: expect.any(String) })

    const moved = await c.handlers['profiles.save']({
      id: saved.id,
      name: 'Staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      gatewayUrl: listener.url,
    })
    expect(moved).toMatchObject({ hasSecret: false, secretDropped: 'token host changed' })
    await expect(c.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/no client secret stored/),
    })
    expect(secretCarriers(DEMO_CLIENT_SECRET)).toEqual([])
    expect(listener.requests).toEqual([])
  })

  it('re-entering the secret for the new address makes the profile work there', async () => {
    const second = await startSandbox({ port: 0 })
    try {
      const c = await openCore()
      const saved = await c.handlers['profiles.save']({
        name: 'Staging',
        region: 'eu-west-1',
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        gatewayUrl: sandbox.url,
      })
      const issuedBefore = second.stats().tokensIssued
      const moved = await c.handlers['profiles.save']({
        id: saved.id,
        name: 'Staging',
        region: 'eu-west-1',
        clientId: DEMO_CLIENT_ID,
        gatewayUrl: second.url,
      })
      expect(moved.hasSecret).toBe(false)
      await expect(c.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({ code: 'unauthorized' })

      const rekeyed = await c.handlers['profiles.save']({
        id: saved.id,
        name: 'Staging',
        region: 'eu-west-1',
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
        gatewayUrl: second.url,
      })
      expect(rekeyed).toMatchObject({ hasSecret: true })
      expect(rekeyed.secretDropped).toBeUndefined()
      await expect(c.handlers['profiles.test']({ id: saved.id })).resolves.toMatchObject({ orgName: expect.any(String) })
      expect(second.stats().tokensIssued - issuedBefore).toBe(1)
    } finally {
      await second.close()
    }
  })

  it('editing the client id without the secret drops it: the secret never goes out with the new id', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Gateway',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: MY_SECRET,
      gatewayUrl: listener.url,
    })
    const edited = await c.handlers['profiles.save']({
      id: saved.id,
      name: 'Gateway',
      region: 'eu-west-1',
      clientId: OTHER_CLIENT_ID,
      gatewayUrl: listener.url,
    })
    expect(edited).toMatchObject({ hasSecret: false, secretDropped: 'client id changed' })
    await expect(c.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({ code: 'unauthorized' })
    expect(listener.requests).toEqual([])

    // With the secret entered again for the new id, it is sent (the listener refuses it, which is fine here).
    await c.handlers['profiles.save']({
      id: saved.id,
      name: 'Gateway',
      region: 'eu-west-1',
      clientId: OTHER_CLIENT_ID,
      clientSecret: 'the-other-secret',
      gatewayUrl: listener.url,
    })
    await expect(c.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({ status: 401 })
    expect(secretCarriers(`${OTHER_CLIENT_ID}:the-other-secret`).length).toBeGreaterThan(0)
    expect(secretCarriers(MY_SECRET)).toEqual([])
  })

  it('editing the region without the secret drops it; a name-only edit, or a region change behind a gateway, keeps it', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Prod',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: MY_SECRET,
    })
    const renamed = await c.handlers['profiles.save']({ id: saved.id, name: 'Prod EU', region: 'eu-west-1', clientId: DEMO_CLIENT_ID })
    expect(renamed.hasSecret).toBe(true)
    expect(renamed.secretDropped).toBeUndefined()

    const moved = await c.handlers['profiles.save']({ id: saved.id, name: 'Prod EU', region: 'eu-central-1', clientId: DEMO_CLIENT_ID })
    expect(moved).toMatchObject({ hasSecret: false, secretDropped: 'token host changed' })
    // Refused before any network: no secret is left to send to login.mypurecloud.de.
    await expect(c.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/no client secret stored/),
    })

    const gateway = await c.handlers['profiles.save']({
      id: saved.id,
      name: 'Prod EU',
      region: 'eu-central-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      gatewayUrl: sandbox.url,
    })
    const regionBehindGateway = await c.handlers['profiles.save']({
      id: gateway.id,
      name: 'Prod EU',
      region: 'us-east-1',
      clientId: DEMO_CLIENT_ID,
      gatewayUrl: sandbox.url,
    })
    expect(regionBehindGateway.hasSecret).toBe(true)
    await expect(c.handlers['profiles.test']({ id: saved.id })).resolves.toMatchObject({ orgName: expect.any(String) })
  })

  it('records in the audit log that a save dropped the secret', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: MY_SECRET,
      gatewayUrl: sandbox.url,
    })
    await c.handlers['profiles.save']({
      id: saved.id,
      name: 'Staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      gatewayUrl: listener.url,
    })
    const log = await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')
    expect(log).toContain('"reenterNeeded":"token host changed"')
    expect(log).not.toContain(MY_SECRET)
  })
})

describe('the core refuses to send a secret elsewhere even when the settings file is edited by hand', () => {
  it('a gateway URL changed in the file: Test connection fails with secret_not_bound and the new host receives nothing', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      gatewayUrl: sandbox.url,
    })
    await expect(c.handlers['profiles.test']({ id: saved.id })).resolves.toBeTruthy()

    await editSettingsByHand((p) => {
      p.gatewayUrl = listener.url
    })
    const restarted = await openCore()
    const error = await restarted.handlers['profiles.test']({ id: saved.id }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'secret_not_bound', hint: expect.stringMatching(/enter the client secret again/i) })
    expect((error as Error).message).toContain(new URL(sandbox.url).origin)
    expect((error as Error).message).toContain(listener.url)
    expect(listener.requests).toEqual([])
  })

  it('a client id changed in the file: refused, nothing sent', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Gateway',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: MY_SECRET,
      gatewayUrl: listener.url,
    })
    await editSettingsByHand((p) => {
      p.clientId = OTHER_CLIENT_ID
    })
    const restarted = await openCore()
    await expect(restarted.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({
      code: 'secret_not_bound',
      message: expect.stringContaining(OTHER_CLIENT_ID),
    })
    expect(listener.requests).toEqual([])
  })

  it('a region changed in the file: refused before any network', async () => {
    const c = await openCore()
    const saved = await c.handlers['profiles.save']({
      name: 'Prod',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      clientSecret: MY_SECRET,
    })
    await editSettingsByHand((p) => {
      p.region = 'eu-central-1'
    })
    const restarted = await openCore()
    await expect(restarted.handlers['profiles.test']({ id: saved.id })).rejects.toMatchObject({
      code: 'secret_not_bound',
      message: expect.stringMatching(/https:\/\/login\.mypurecloud\.ie.*https:\/\/login\.mypurecloud\.de/),
    })
  })
})

describe('profiles saved before secrets were bound', () => {
  it('keep working, are bound to their client id and token host when first read, and cannot be moved afterwards', async () => {
    const legacy = {
      id: 'legacy-1',
      name: 'Old staging',
      region: 'eu-west-1',
      clientId: DEMO_CLIENT_ID,
      sealedSecret: createPlainSecretBox().seal(DEMO_CLIENT_SECRET),
      gatewayUrl: sandbox.url,
    }
    await writeFile(settingsFile(), JSON.stringify({ profiles: [legacy] }))

    const c = await openCore()
    expect((await c.handlers['profiles.list']({})).find((p) => p.id === 'legacy-1')).toMatchObject({ hasSecret: true })
    await expect(c.handlers['profiles.test']({ id: 'legacy-1' })).resolves.toMatchObject({ orgName: expect.any(String) })
    const migrated = (JSON.parse(await readFile(settingsFile(), 'utf8')) as { profiles: Record<string, unknown>[] }).profiles[0]
    expect(migrated.sealedSecret).toBeUndefined()
    expect(migrated.sealedBoundSecret).toEqual(expect.any(String))

    await editSettingsByHand((p) => {
      p.gatewayUrl = listener.url
    })
    const restarted = await openCore()
    await expect(restarted.handlers['profiles.test']({ id: 'legacy-1' })).rejects.toMatchObject({ code: 'secret_not_bound' })
    expect(listener.requests).toEqual([])
  })
})
