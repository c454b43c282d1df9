/**
 * The app and the command line on one data folder at once: the app's core (here, in the test process)
 * and the CLI (a child process) append to the same audit log, and the chain still verifies with every
 * entry of both in it. The cross-process lock is branch cli-lock's.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Core } from '../../src/main/core'
import { writeWav } from '../fixtures/audio'
import { runCli, sandboxProfileFor, startCli } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'
import { openTestCore } from './helpers/coreSession'

const ws = cliWorkspace('switchboard-cli-audit-')

async function auditLines(data: string): Promise<{ seq: number; action: string; profile: string; target: string }[]> {
  const dir = join(data, 'audit')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort()
  const lines: string[] = []
  for (const file of files) lines.push(...(await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean))
  return lines.map((line) => JSON.parse(line) as { seq: number; action: string; profile: string; target: string })
}

it('the app core and the CLI append at once: the chain verifies and no entry is lost', { timeout: 120_000 }, async () => {
  const data = join(ws.work, 'data')
  const folder = join(ws.work, 'recordings')
  await mkdir(folder)
  for (let i = 0; i < 3; i++) await writeWav(join(folder, `shared-${i}.wav`), { variant: 700 + i, bytes: 6000 })
  const core: Core = await openTestCore(data, ws.sandbox)
  let coreTests = 0
  try {
    const cli = startCli(['--data', data, '--profile', 'sandbox', 'upload', folder], { env: sandboxProfileFor(ws.sandbox) })
    let cliDone = false
    void cli.done.then(() => (cliDone = true))
    // The app tests its connection over and over while the CLI uploads: both append all the while.
    while (!cliDone || coreTests < 5) {
      await core.handlers['profiles.test']({ id: 'sandbox' })
      coreTests += 1
    }
    expect((await cli.done).code).toBe(0)
  } finally {
    await core.close()
  }

  const verify = await runCli(['--data', data, '--json', 'audit', 'verify'])
  expect(verify.json()[0]).toMatchObject({ ok: true })
  expect(verify.code).toBe(0)

  const entries = await auditLines(data)
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
  // Every connection test of both: the app's, and the one the CLI makes before it uploads.
  expect(entries.filter((e) => e.action === 'connection.test')).toHaveLength(coreTests + 1)
  const uploaded = entries.filter((e) => e.action === 'recording.upload.completed').map((e) => e.target)
  expect(uploaded.sort()).toEqual(['shared-0.wav', 'shared-1.wav', 'shared-2.wav'])
})
