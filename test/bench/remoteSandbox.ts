import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { SandboxStats, UplinkStats } from '../../src/main/sandbox'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../src/main/sandbox'

/** A sandbox in its own process, steered through its control routes. */
export interface RemoteSandbox {
  url: string
  clientId: string
  clientSecret: string
  stats(): Promise<SandboxStats>
  uplink(): Promise<UplinkStats>
  resetStats(): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the sandbox CLI as a child process. Storage is remote for real uploads: receiving and
 * checking the bytes must not take CPU from the process that sends them, as it would in-process.
 */
export async function startRemoteSandbox(args: string[]): Promise<RemoteSandbox> {
  const cli = join(process.cwd(), 'src/main/sandbox/cli.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened: ${output}`)))
  })
  const control = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${url}${path}`, { method })
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`)
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  return {
    url,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    stats: () => control<SandboxStats>('/__sandbox/stats'),
    uplink: () => control<UplinkStats>('/__sandbox/uplink'),
    resetStats: () => control<void>('/__sandbox/stats', 'DELETE'),
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
