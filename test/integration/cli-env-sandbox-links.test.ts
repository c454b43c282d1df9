/**
 * The command line's profile from the environment (GENESYSCLOUD_* with SWITCHBOARD_GATEWAY_URL) pointed at
 * a local sandbox follows the sandbox's plain-http upload links on exactly the gateway's origin, where its
 * secret already goes; a link to any other origin is refused before anything is sent.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { writeWav } from '../fixtures/audio'
import { envProfileFor, runCli } from './helpers/cliProcess'
import { cliWorkspace } from './helpers/cliWorkspace'

const ws = cliWorkspace('switchboard-cli-env-links-')

async function folderWith(name: string, variant: number): Promise<string> {
  const folder = join(ws.work, name)
  await mkdir(folder)
  await writeWav(join(folder, `${name}.wav`), { variant, bytes: 6000 })
  return folder
}

it(
  "uploads through the Sandbox org's http links with the profile from the environment; a link elsewhere is refused",
  { timeout: 90_000 },
  async () => {
    const data = join(ws.work, 'data')
    const env = envProfileFor(ws.sandbox)
    const upload = await runCli(['--data', data, '--json', 'upload', await folderWith('first', 401)], { env })
    expect(upload.code, upload.stderr).toBe(0)
    expect(upload.json().map((r) => [r.name, r.state])).toEqual([['first.wav', 'done']])
    expect(ws.sandbox.uploads()).toHaveLength(1)

    // The same sandbox, but its links name another origin (localhost, not 127.0.0.1): not the gateway's.
    ws.sandbox.setPublicUrl(ws.sandbox.url.replace('127.0.0.1', 'localhost'))
    try {
      const refused = await runCli(['--data', data, '--json', 'upload', await folderWith('second', 402)], { env })
      expect(refused.code).not.toBe(0)
      expect(refused.stdout + refused.stderr).toMatch(/will not follow: it is plain http \(localhost:\d+\)/)
      expect(ws.sandbox.uploads()).toHaveLength(1)
    } finally {
      ws.sandbox.setPublicUrl(ws.sandbox.url)
    }
  },
)
