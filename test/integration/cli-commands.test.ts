/**
 * The command line as a script runs it: the built CLI as a child process against a sandbox on 127.0.0.1,
 * with a profile from GENESYSCLOUD_* (never written) or one added with `profiles add`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { writeWav } from '../fixtures/audio'
import { assertCliBuilt, envProfileFor, runCli } from './helpers/cliProcess'

let sandbox: Sandbox
let work: string
/** The data folder of the runs with the environment's profile. */
let envData: string
const secret = `cli-test-secret-${randomBytes(12).toString('hex')}`

beforeAll(async () => {
  assertCliBuilt()
  sandbox = await startSandbox({ port: 0, clientSecret: secret })
  work = await mkdtemp(join(tmpdir(), 'switchboard-cli-'))
  envData = join(work, 'env-data')
})
afterAll(async () => {
  await sandbox?.close()
  await rm(work, { recursive: true, force: true })
})

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('help and usage', () => {
  it('lists the commands, each with examples; bad usage exits 2 with the reason', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['profiles', 'upload', 'prompts', 'recordings', 'privacy', 'flows', 'audit', 'jobs'])
      expect(help.stdout).toContain(command)
    expect(help.stdout).toMatch(/Exit codes: 0 done, 1 some items failed, 2 bad usage, 3 could not connect/)
    const uploadHelp = await runCli(['upload', '--help'])
    expect(uploadHelp.code).toBe(0)
    expect(uploadHelp.stdout).toContain('Examples:')

    const unknown = await runCli(['uplaod', 'x'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown command 'uplaod'")
    const missing = await runCli(['upload'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("missing required argument 'paths'")
    const badChoice = await runCli(['--data', envData, 'audit', 'export', '--format', 'xml', '--out', join(work, 'a.xml')])
    expect(badChoice.code).toBe(2)
    expect(badChoice.stderr).toContain('xml')
    // The same validation as the app: a region the core does not know is refused before anything starts.
    const badRegion = await runCli(['--data', envData, 'profiles', 'test'], {
      env: { ...envProfileFor(sandbox), GENESYSCLOUD_REGION: 'moon-1' },
    })
    expect(badRegion.code).toBe(2)
    expect(badRegion.stderr).toContain('not a Genesys Cloud region')
  })
})

describe('profiles', () => {
  it('adds a profile with the secret from stdin, lists it and tests it', async () => {
    const data = join(work, 'profiles-data')
    const added = await runCli(
      [
        '--data',
        data,
        '--json',
        'profiles',
        'add',
        'Lab',
        '--region',
        'us-east-1',
        '--client-id',
        sandbox.clientId,
        '--gateway',
        sandbox.url,
        '--secret-stdin',
      ],
      { stdin: secret + '\n' },
    )
    expect(added.code).toBe(0)
    expect(added.json()[0]).toMatchObject({ name: 'Lab', apiBase: sandbox.url })
    const list = await runCli(['--data', data, '--json', 'profiles', 'list'])
    expect(list.json().map((p) => p.name)).toEqual(['Sandbox org', 'Lab'])
    const tested = await runCli(['--data', data, '--json', '--profile', 'lab', 'profiles', 'test'])
    expect(tested.code).toBe(0)
    expect(tested.json()[0]).toMatchObject({ profile: 'Lab', orgName: 'Sandbox Contact Centre' })
  })

  it('a wrong secret exits 3 with the reason and a hint, for a test and before an upload starts', async () => {
    const env = envProfileFor(sandbox, 'not-the-secret')
    const tested = await runCli(['--data', envData, 'profiles', 'test'], { env })
    expect(tested.code).toBe(3)
    expect(tested.stderr).toMatch(/Error: .+\nHint: .+/)
    const upload = await runCli(['--data', envData, '--json', 'upload', work], { env })
    expect(upload.code).toBe(3)
    expect(upload.json()[0].error).toMatchObject({ code: 'unauthorized' })
    expect(sandbox.uploads()).toHaveLength(0)
  })
})

describe('upload, jobs and audit with the profile from the environment', () => {
  it('uploads a folder, reports one JSON object per file, and leaves no trace of the secret in the data folder', async () => {
    const folder = join(work, 'recordings')
    for (let i = 0; i < 3; i++) await writeWav(join(folder, `call-${i}.wav`), { variant: 300 + i, bytes: 6000 })
    const env = envProfileFor(sandbox)
    const upload = await runCli(['--data', envData, '--json', 'upload', folder, '--department', 'Sales'], { env })
    expect(upload.stderr).toContain('3 uploaded')
    expect(upload.code).toBe(0)
    const results = upload.json()
    expect(results.map((r) => [r.name, r.state]).sort()).toEqual([
      ['call-0.wav', 'done'],
      ['call-1.wav', 'done'],
      ['call-2.wav', 'done'],
    ])
    expect(sandbox.uploads()).toHaveLength(3)

    const jobs = await runCli(['--data', envData, '--json', 'jobs', 'list'], { env })
    expect(jobs.code).toBe(0)
    expect(jobs.json().filter((j) => j.kind === 'recording.upload' && j.state === 'done')).toHaveLength(3)

    const verify = await runCli(['--data', envData, '--json', 'audit', 'verify'])
    expect(verify.code).toBe(0)
    expect(verify.json()[0]).toMatchObject({ ok: true })
    const csv = join(work, 'audit.csv')
    const exported = await runCli(['--data', envData, '--json', 'audit', 'export', '--format', 'csv', '--out', csv])
    expect(exported.code).toBe(0)
    expect(exported.json()[0]).toMatchObject({ state: 'done', format: 'csv', path: csv })
    const text = await readFile(csv, 'utf8')
    expect(text).toContain('connection.test')
    expect(text).toMatch(/upload/)

    // The secret came from the environment only: no file of the data folder holds it, plain or sealed.
    const sealed = [secret, Buffer.from(secret).toString('base64'), 'plain:']
    for (const file of await filesUnder(envData)) {
      const content = await readFile(file, 'utf8')
      for (const needle of sealed) expect(content.includes(needle), `${needle} in ${file}`).toBe(false)
    }
  })
})
