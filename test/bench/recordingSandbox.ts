import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { SandboxOptions } from '../../src/main/sandbox'
import type { AddedRef, SandboxAsk, SandboxReply } from './recordingSandboxProcess'

/** A sandbox in its own process (see recordingSandboxProcess.ts) that adds recordings when asked. */
export interface RecordingSandbox {
  url: string
  clientId: string
  clientSecret: string
  /** Adds `count` conversations of one recording of `bytes` each; their refs, in order. */
  add(count: number, bytes: number, label: string): Promise<AddedRef[]>
  close(): Promise<void>
}

export async function startRecordingSandbox(options: Omit<SandboxOptions, 'clock' | 'port'>): Promise<RecordingSandbox> {
  const script = join(process.cwd(), 'test/bench/recordingSandboxProcess.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const waiting = new Map<number, (refs: AddedRef[]) => void>()
  let next = 0
  const ready = new Promise<Extract<SandboxReply, { t: 'ready' }>>((resolve, reject) => {
    child.on('message', (reply: SandboxReply) => {
      if (reply.t === 'ready') resolve(reply)
      else waiting.get(reply.n)?.(reply.refs ?? [])
    })
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it listened`)))
  })
  const ask = (request: SandboxAsk) =>
    new Promise<AddedRef[]>((resolve) => {
      const n = next++
      waiting.set(n, resolve)
      child.send({ ...request, n })
    })
  const { url, clientId, clientSecret } = await ready
  return {
    url,
    clientId,
    clientSecret,
    add: (count, bytes, label) => ask({ t: 'add', count, bytes, label }),
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await Promise.race([ask({ t: 'close' }), exited])
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
