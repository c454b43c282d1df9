/**
 * A sandbox in its own process for the download benchmarks, steered over IPC: the parent asks it to
 * add recordings (sandbox.recordings.add(syntheticConversation(...))) and gets their refs back. In the
 * benchmark's own process, serving the media would take the same thread our download runs on, a cost
 * that curl (another process) does not pay and that a real remote server never puts on the client.
 * Started by startRecordingSandbox in recordingSandbox.ts; argv[2] is the SandboxOptions as JSON.
 */
import { startSandbox, syntheticConversation, type SandboxOptions } from '../../src/main/sandbox'

export type SandboxAsk = { t: 'add'; count: number; bytes: number; label: string } | { t: 'close' }
export type SandboxRequest = SandboxAsk & { n: number }
export interface AddedRef {
  conversationId: string
  recordingId: string
  startTime: string
}
export type SandboxReply = { t: 'ready'; url: string; clientId: string; clientSecret: string } | { t: 'done'; n: number; refs?: AddedRef[] }

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions
  const sandbox = await startSandbox({ ...options, port: 0 })
  const send = (reply: SandboxReply) => process.send?.(reply)
  process.on('message', (request: SandboxRequest) => {
    if (request.t === 'close') {
      void sandbox.close().then(() => {
        send({ t: 'done', n: request.n })
        process.disconnect()
      })
      return
    }
    const start = Date.parse('2026-02-10T08:00:00Z')
    const refs = Array.from({ length: request.count }, (_, i) => {
      const conversation = syntheticConversation(i, start + i * 61_000, request.bytes, request.label)
      sandbox.recordings.add(conversation)
      return {
        conversationId: conversation.id,
        recordingId: conversation.recordings[0].id,
        startTime: new Date(conversation.start).toISOString(),
      }
    })
    send({ t: 'done', n: request.n, refs })
  })
  send({ t: 'ready', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret })
}

void main()
