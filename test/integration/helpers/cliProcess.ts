/**
 * Runs the BUILT command line (out/main/cli.js through bin/switchboard.mjs) as a child process, the way
 * an admin's script does. `npm test` builds before vitest runs; a targeted run needs `npx electron-vite build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Sandbox } from '../../../src/main/sandbox'

const root = fileURLToPath(new URL('../../..', import.meta.url))
export const CLI_BIN = join(root, 'bin', 'switchboard.mjs')
const BUILT = join(root, 'out', 'main', 'cli.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** stdout's lines as JSON objects (for --json runs). */
  json(): Record<string, unknown>[]
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv
  stdin?: string
  /** What node runs before the CLI's arguments; default bin/switchboard.mjs (the command as installed). */
  launch?: string[]
}

/** The built Electron entry (out/main/cliHost.js) in Node with Electron's module faked (fakeElectron.ts). */
export const FAKE_ELECTRON_HOST = [
  '--import',
  'tsx',
  '--import',
  join(root, 'test', 'fixtures', 'fakeElectronHooks.ts'),
  join(root, 'out', 'main', 'cliHost.js'),
]

/** GENESYSCLOUD_* and the gateway pointing at a test sandbox: the scheduled-job way to pass a profile. */
export function envProfileFor(sandbox: Sandbox, secret = sandbox.clientSecret): NodeJS.ProcessEnv {
  return {
    GENESYSCLOUD_REGION: 'us-east-1',
    GENESYSCLOUD_OAUTHCLIENT_ID: sandbox.clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
    SWITCHBOARD_GATEWAY_URL: sandbox.url,
  }
}

/** The built-in Sandbox profile pointed at a test sandbox (`--profile sandbox`): it follows the sandbox's http upload links. */
export function sandboxProfileFor(sandbox: Sandbox): NodeJS.ProcessEnv {
  return { SWITCHBOARD_SANDBOX_URL: sandbox.url }
}

export function assertCliBuilt(): void {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npx electron-vite build\` before the CLI tests.`)
}

/** Starts the CLI; the caller may signal it while it runs. */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliRun>; stdoutSoFar(): string } {
  const child = spawn(process.execPath, [...(options.launch ?? [CLI_BIN]), ...args], {
    cwd: root,
    // Only what the CLI needs: no GENESYSCLOUD_* of the machine running the tests leaks in. Plain Node even
    // where the app's Electron is installed: the tests choose their host (FAKE_ELECTRON_HOST).
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, SWITCHBOARD_CLI_NODE: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  child.stdin?.end(options.stdin ?? '')
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json: () =>
          stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    )
  })
  return { child, done, stdoutSoFar: () => stdout }
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done
}
