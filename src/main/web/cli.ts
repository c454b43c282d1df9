/**
 * `npm run web`: the Switchboard core and renderer for a browser on this machine, on the Sandbox org by
 * default. Prints the address to open (with its token) and runs until Ctrl+C. The port and token stay the
 * same from one start to the next (kept in the data folder); `--new-token` rotates the token.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from '../core'
import { createPlainSecretBox } from '../core/secrets/plainSecretBox'
import { startSandbox } from '../sandbox'
import { startStableWebShell } from './stableStart'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SWITCHBOARD_WEB_PORT },
      'new-token': { type: 'boolean', default: false },
      'data-dir': {
        type: 'string',
        default: process.env.SWITCHBOARD_DATA_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Switchboard', 'web'),
      },
      'sandbox-port': { type: 'string', default: '0' },
    },
  })
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  const dataDir = resolve(values['data-dir'])
  const sandbox = await startSandbox({ port: Number(values['sandbox-port']) })
  const core = await createCore({
    dataDir,
    shell: 'web',
    version,
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  const web = await startStableWebShell({
    core,
    dataDir,
    rendererDir: join(root, 'out', 'renderer'),
    explicitPort: values.port === undefined ? undefined : Number(values.port),
    explicitToken: process.env.SWITCHBOARD_WEB_TOKEN,
    newToken: values['new-token'],
    say: (line) => console.log(line),
  })

  console.log(`Switchboard web shell: ${web.appUrl}`)
  console.log(`Sandbox org: ${sandbox.url}   data folder: ${dataDir}`)

  let closing = false
  const stop = async (signal: string) => {
    if (closing) return
    closing = true
    const running = core.runningJobs()
    if (running > 0)
      console.log(`${signal}: stopping with ${running} job(s) running; they are listed as interrupted and can be resumed next time.`)
    await web.close()
    await core.close()
    await sandbox.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`Switchboard web shell could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
