/**
 * The other workflows' commands, each on its happy path with the Sandbox profile: flows archive and
 * verify, prompts upload, privacy export and track, recordings download.
 */
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { writeWav } from '../fixtures/audio'
import { runCli, sandboxProfileFor } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'

const ws = cliWorkspace('switchboard-cli-wf-', { gdprStepMs: 50 })
const data = () => join(ws.work, 'data')
const cli = (args: string[]) =>
  runCli(['--data', data(), '--profile', 'sandbox', '--json', ...args], { env: sandboxProfileFor(ws.sandbox) })

it('flows archive writes an archive that flows verify accepts', { timeout: 90_000 }, async () => {
  const out = join(ws.work, 'archive')
  const archived = await cli(['flows', 'archive', '--type', 'inqueuecall', '--out', out])
  expect(archived.code).toBe(0)
  expect(archived.json()).toEqual([expect.objectContaining({ type: 'flows.archive', flowName: 'Support In-Queue', state: 'done' })])
  const verified = await cli(['flows', 'verify', out])
  expect(verified.code).toBe(0)
  expect(verified.json().at(-1)).toMatchObject({ type: 'flows.verify', ok: true, flows: 1 })
})

it('prompts upload sends WAVs as prompts and waits until they are transcoded', { timeout: 90_000 }, async () => {
  const folder = join(ws.work, 'prompts')
  await mkdir(folder)
  await writeWav(join(folder, 'cli_welcome_en.wav'), { bytes: 3000, variant: 901 })
  await writeWav(join(folder, 'cli_closed_en.wav'), { bytes: 3000, variant: 902 })
  const uploaded = await cli(['prompts', 'upload', folder])
  expect(uploaded.code).toBe(0)
  expect(
    uploaded
      .json()
      .map((r) => [r.promptName, r.state])
      .sort(),
  ).toEqual([
    ['cli_closed_en', 'transcoded'],
    ['cli_welcome_en', 'transcoded'],
  ])
})

it('privacy export submits a request and privacy track follows it to its saved results', { timeout: 90_000 }, async () => {
  const submitted = await cli(['privacy', 'export', '--email', 'jonas.berg@example.com', '--name', 'Jonas Berg'])
  expect(submitted.code).toBe(0)
  const request = submitted.json()[0]
  expect(request).toMatchObject({ type: 'privacy.request', requestType: 'GDPR_EXPORT' })
  const out = join(ws.work, 'gdpr')
  await mkdir(out)
  const tracked = await cli(['privacy', 'track', '--out', out])
  // Requests the Sandbox org lists as made elsewhere may have ended in ERROR: those count as failed items.
  expect(tracked.code).toBe(tracked.json().some((r) => r.status === 'ERROR') ? 1 : 0)
  expect(tracked.json().find((r) => r.id === request.id)).toMatchObject({ status: 'COMPLETED', savedTo: expect.any(String) })
  expect((await readdir(out, { recursive: true })).length).toBeGreaterThan(0)
})

it('recordings download finds the calls since a time and saves them with a manifest', { timeout: 90_000 }, async () => {
  const out = join(ws.work, 'recordings')
  // The Sandbox org holds 60 calls over the last 10 days: the last 3 days through one queue are a few.
  const since = new Date(Date.now() - 3 * 86_400_000).toISOString()
  const downloaded = await cli(['recordings', 'download', '--since', since, '--queue', 'Support', '--out', out])
  expect(downloaded.stderr).toMatch(/saved/)
  expect(downloaded.code).toBe(0)
  const saved = downloaded.json().filter((r) => r.type === 'recording' && r.state === 'saved')
  expect(saved.length).toBeGreaterThan(0)
  expect(await readdir(out)).toEqual(expect.arrayContaining([expect.stringMatching(/manifest.*\.csv$/)]))
})
