import { parseArgs } from 'node:util'
import { DEMO_CLIENT_ID, startSandbox, type SandboxOptions } from './index'
import { sandboxFaultsSchema, type SandboxFaults } from './faults'

const usage = (name: string) => `Usage: ${name} [--port N] [--seed N] [--token-lifetime SECONDS] [--rate-limit PER_MINUTE]
               [--org-name NAME] [--data-dir DIR] [--faults JSON] [--gdpr-step-ms MS]
               [--uplink-mib-per-s MIB] [--media-url-lifetime SECONDS] [--flow-export-step-ms MS]
Starts the simulated Genesys Cloud org on 127.0.0.1 (port 0 = any free port).`

function readOptions(argv: string[]): SandboxOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      'org-name': { type: 'string' },
      'data-dir': { type: 'string' },
      faults: { type: 'string' },
      'gdpr-step-ms': { type: 'string' },
      'uplink-mib-per-s': { type: 'string' },
      'media-url-lifetime': { type: 'string' },
      'flow-export-step-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return undefined
  return {
    port: numberOption('--port', values.port),
    seed: numberOption('--seed', values.seed),
    tokenLifetimeSeconds: numberOption('--token-lifetime', values['token-lifetime']),
    rateLimitPerMinute: numberOption('--rate-limit', values['rate-limit']),
    orgName: values['org-name'],
    dataDir: values['data-dir'],
    gdprStepMs: numberOption('--gdpr-step-ms', values['gdpr-step-ms']),
    uplinkBytesPerSecond: mibPerSecondOption(values['uplink-mib-per-s']),
    mediaUrlLifetimeSeconds: numberOption('--media-url-lifetime', values['media-url-lifetime']),
    flowExportStepMs: numberOption('--flow-export-step-ms', values['flow-export-step-ms']),
    faults: values.faults === undefined ? undefined : (sandboxFaultsSchema.parse(JSON.parse(values.faults)) as SandboxFaults),
  }
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a non-negative number, not "${value}"`)
  return number
}

function mibPerSecondOption(value: string | undefined): number | undefined {
  const mib = numberOption('--uplink-mib-per-s', value)
  return mib === undefined || mib === 0 ? undefined : Math.max(1024, Math.round(mib * 1024 * 1024))
}

function banner(url: string, clientId: string, clientSecret: string): string {
  const demo = clientId === DEMO_CLIENT_ID ? ' (demo credentials)' : ''
  return `Sandbox org listening on ${url}
  client id:     ${clientId}${demo}
  client secret: ${clientSecret}

Try it with curl:
  TOKEN=$(curl -s -u '${clientId}:${clientSecret}' -d grant_type=client_credentials ${url}/oauth/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -i -H "Authorization: Bearer $TOKEN" ${url}/api/v2/organizations/me
  curl -H "Authorization: Bearer $TOKEN" '${url}/api/v2/flows?type=inboundcall&pageSize=5'
  curl -H "Authorization: Bearer $TOKEN" '${url}/api/v2/architect/prompts?name=*_message'

Inject faults: curl -X PUT -H 'content-type: application/json' -d '{"errorRate5xx":0.1,"latencyMs":[50,200]}' ${url}/__sandbox/faults
Stats:         curl ${url}/__sandbox/stats
Press Ctrl+C to stop.`
}

/**
 * Starts the standalone Sandbox org (`npm run sandbox`, `switchboard sandbox`), which runs until SIGINT or
 * SIGTERM and then exits the process. False when it only printed its usage.
 */
export async function runStandaloneSandbox(argv: string[], name = 'npm run sandbox --'): Promise<boolean> {
  let options: SandboxOptions | undefined
  try {
    options = readOptions(argv)
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage(name)}`)
    process.exit(2)
  }
  if (!options) {
    console.log(usage(name))
    return false
  }
  const sandbox = await startSandbox(options)
  console.log(banner(sandbox.url, sandbox.clientId, sandbox.clientSecret))
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: stopping the sandbox...`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The sandbox did not close cleanly:', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  return true
}
