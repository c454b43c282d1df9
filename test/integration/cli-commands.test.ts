/**
 * The command line as a script runs it: the built CLI as a child process against a ws.sandbox on 127.0.0.1,
 * with a profile from GENESYSCLOUD_* (never written), one added with `profiles add`, or the Sandbox profile.
 */
import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { writeWav } from '../fixtures/audio'
import { CLI_BIN, envProfileFor, runCli, sandboxProfileFor, startCli } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'

const ws = cliWorkspace('switchboard-cli-')

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('help and usage', () => {
  it('lists the commands, each with examples; bad usage exits 2 with the reason', { timeout: 60_000 }, async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['profiles', 'upload', 'prompts', 'recordings', 'privacy', 'flows', 'audit', 'jobs', 'sandbox'])
      expect(help.stdout).toContain(command)
    expect(help.stdout).toMatch(/Exit codes: 0 done, 1 some items failed, 2 bad usage, 3 could not connect/)
    const uploadHelp = await runCli(['recordings', 'download', '--help'])
    expect(uploadHelp.code).toBe(0)
    expect(uploadHelp.stdout).toContain('Examples:')

    const unknown = await runCli(['uplaod', 'x'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown command 'uplaod'")
    const missing = await runCli(['upload'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("missing required argument 'paths'")
    const badChoice = await runCli(['audit', 'export', '--format', 'xml', '--out', join(ws.work, 'a.xml')])
    expect(badChoice.code).toBe(2)
    expect(badChoice.stderr).toContain('xml')
    // Checked before anything starts: a region that does not exist.
    const badRegion = await runCli(['--data', join(ws.work, 'unused'), 'profiles', 'test'], {
      env: { ...envProfileFor(ws.sandbox), GENESYSCLOUD_REGION: 'moon-1' },
    })
    expect(badRegion.code).toBe(2)
    expect(badRegion.stderr).toContain('not a Genesys Cloud region')
  })
})

describe('sandbox', () => {
  it('starts the standalone Sandbox org, which answers a sign-in, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
    const help = await runCli(['sandbox', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: switchboard sandbox \[--port N\]/)
    const bad = await runCli(['sandbox', '--port', 'many'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--port must be a non-negative number')

    const run = startCli(['sandbox', '--port', '0', '--org-name', 'CLI Sandbox'])
    await vi.waitFor(() => expect(run.stdoutSoFar()).toMatch(/Sandbox org listening on http:\/\/127\.0\.0\.1:\d+/), {
      timeout: 30_000,
      interval: 50,
    })
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdoutSoFar())?.[1] as string
    const id = /client id:\s+(\S+)/.exec(run.stdoutSoFar())?.[1] as string
    const secret = /client secret:\s+(\S+)/.exec(run.stdoutSoFar())?.[1] as string
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>)
    const org = await fetch(`${url}/api/v2/organizations/me`, { headers: { authorization: `Bearer ${token.access_token}` } }).then(
      (r) => r.json() as Promise<{ name: string }>,
    )
    expect(org.name).toBe('CLI Sandbox')
    run.child.kill('SIGINT')
    expect((await run.done).code).toBe(0)
  })
})

describe('profiles', () => {
  it('adds a profile with the secret from stdin, lists it and tests it', { timeout: 60_000 }, async () => {
    const data = join(ws.work, 'profiles-data')
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
        ws.sandbox.clientId,
        '--gateway',
        ws.sandbox.url,
        '--secret-stdin',
      ],
      { stdin: ws.sandbox.clientSecret + '\n' },
    )
    expect(added.code).toBe(0)
    expect(added.json()[0]).toMatchObject({ name: 'Lab', apiBase: ws.sandbox.url })
    const tested = await runCli(['--data', data, '--json', '--profile', 'lab', 'profiles', 'test'])
    expect(tested.code).toBe(0)
    expect(tested.json()[0]).toMatchObject({ profile: 'Lab', orgName: 'Sandbox Contact Centre' })
  })

  it('takes the profile from GENESYSCLOUD_* without writing its secret anywhere; a wrong secret exits 3', { timeout: 60_000 }, async () => {
    const data = join(ws.work, 'env-data')
    const env = envProfileFor(ws.sandbox)
    const list = await runCli(['--data', data, '--json', 'profiles', 'list'], { env })
    expect(list.json().map((p) => p.name)).toEqual(['Sandbox org', 'Environment (GENESYSCLOUD_*)'])
    const tested = await runCli(['--data', data, '--json', 'profiles', 'test'], { env })
    expect(tested.code).toBe(0)
    expect(tested.json()[0]).toMatchObject({ profile: 'Environment (GENESYSCLOUD_*)', orgName: 'Sandbox Contact Centre' })

    const wrong = envProfileFor(ws.sandbox, 'not-the-secret')
    const refused = await runCli(['--data', data, 'profiles', 'test'], { env: wrong })
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/Error: .+\nHint: .+/)
    const upload = await runCli(['--data', data, '--json', 'upload', ws.work], { env: wrong })
    expect(upload.code).toBe(3)
    expect(upload.json()[0].error).toMatchObject({ code: 'unauthorized' })
    expect(ws.sandbox.uploads()).toHaveLength(0)

    // Not in the settings, the audit log, the job journal: no file of the data folder holds it, plain or sealed.
    const files = await filesUnder(data)
    expect(files.some((f) => f.endsWith('audit.jsonl'))).toBe(true)
    for (const file of files) {
      const content = await readFile(file, 'utf8')
      for (const needle of [ws.sandbox.clientSecret, Buffer.from(ws.sandbox.clientSecret).toString('base64')])
        expect(content.includes(needle), `${needle} in ${file}`).toBe(false)
    }
    expect(await readFile(join(data, 'config.json'), 'utf8').catch(() => 'no settings written')).not.toContain('sealedBoundSecret')
  })
})

describe('progress', () => {
  it('is drawn on stderr on a terminal (bar, bytes, rate, time left) and not at all in a pipe', { timeout: 90_000 }, async () => {
    const data = join(ws.work, 'progress-data')
    const folder = join(ws.work, 'progress-recordings')
    await mkdir(folder)
    for (let i = 0; i < 2; i++) await writeWav(join(folder, `long-${i}.wav`), { variant: 700 + i, bytes: 1_500_000 })
    const env = sandboxProfileFor(ws.sandbox)
    // About three seconds of sending: long enough for a rate and the time left.
    ws.sandbox.setOptions({ uplinkBytesPerSecond: 1024 * 1024 })
    try {
      // `script` gives the CLI a real pseudo-terminal, as a shell in a terminal window does.
      const command = ['node', CLI_BIN, '--data', data, '--profile', 'sandbox', 'upload', folder].map((a) => `'${a}'`).join(' ')
      const terminal = await new Promise<string>((resolve, reject) => {
        const run = spawn('script', ['-qec', command, '/dev/null'], {
          env: { ...process.env, ...env, SWITCHBOARD_CLI_NODE: '1' },
        })
        let out = ''
        run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
        run.on('error', reject)
        run.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))))
      })
      expect(terminal).toMatch(/\r\x1b\[2K\S+ \[#*-*\] \d\/2 {2}[\d.]+ [KM]i?B of [\d.]+ MiB {2}[\d.]+ [KM]i?B\/s {2}\d+s left/)
      expect(terminal).toContain('2 uploaded')
    } finally {
      ws.sandbox.setOptions({ uplinkBytesPerSecond: undefined })
    }
    const piped = await runCli(['--data', data, '--profile', 'sandbox', 'jobs', 'list'], { env })
    expect(piped.code).toBe(0)
    expect(piped.stderr).not.toContain('\x1b[2K')
  })
})

describe('upload, jobs and audit', () => {
  it(
    'uploads a folder with one JSON object per file, lists the jobs, verifies and exports the audit log',
    { timeout: 60_000 },
    async () => {
      const data = join(ws.work, 'upload-data')
      const folder = join(ws.work, 'recordings')
      await mkdir(folder)
      for (let i = 0; i < 3; i++) await writeWav(join(folder, `call-${i}.wav`), { variant: 300 + i, bytes: 6000 })
      const env = sandboxProfileFor(ws.sandbox)
      const before = ws.sandbox.uploads().length
      const upload = await runCli(['--data', data, '--profile', 'sandbox', '--json', 'upload', folder, '--department', 'Sales'], { env })
      expect(upload.stderr).toContain('3 uploaded')
      expect(upload.code).toBe(0)
      expect(
        upload
          .json()
          .map((r) => [r.name, r.state])
          .sort(),
      ).toEqual([
        ['call-0.wav', 'done'],
        ['call-1.wav', 'done'],
        ['call-2.wav', 'done'],
      ])
      expect(ws.sandbox.uploads()).toHaveLength(before + 3)

      const jobs = await runCli(['--data', data, '--json', 'jobs', 'list'])
      expect(jobs.code).toBe(0)
      expect(jobs.json().filter((j) => j.kind === 'recording.upload' && j.state === 'done')).toHaveLength(3)

      const verify = await runCli(['--data', data, '--json', 'audit', 'verify'])
      expect(verify.code).toBe(0)
      expect(verify.json()[0]).toMatchObject({ ok: true })
      const csv = join(ws.work, 'audit.csv')
      const exported = await runCli(['--data', data, '--json', 'audit', 'export', '--format', 'csv', '--out', csv])
      expect(exported.code).toBe(0)
      expect(exported.json()[0]).toMatchObject({ state: 'done', format: 'csv', path: csv })
      const text = await readFile(csv, 'utf8')
      expect(text).toContain('connection.test')
      expect(text).toContain('call-1.wav')
    },
  )
})
