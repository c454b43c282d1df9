import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: string
  /** performance.now() when the request's headers came. */
  at: number
}

/** What the receiver does with request number n (1-based): answer, or hang (never answer). */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang'

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** Requests that came but were not answered (hanging). */
  hanging: number
  /** Answers every request held so far with `status`. */
  release(status?: number): void
  close(): Promise<void>
}

/** A real HTTP receiver on 127.0.0.1 that keeps every request and answers as `reply` says (200 by default). */
export async function startWebhookReceiver(
  reply: (n: number, request: ReceivedWebhook) => Reply = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  const held: ServerResponse[] = []
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    hanging: 0,
    release: (status = 200) => {
      for (const res of held.splice(0)) res.writeHead(status, { 'Content-Type': 'text/plain' }).end('ok')
    },
    close: async () => {},
  }
  const server: Server = createServer((req, res) => {
    const at = performance.now()
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at }
      receiver.received.push(request)
      const answer = reply(receiver.received.length, request)
      if (answer === 'hang') {
        receiver.hanging++
        held.push(res)
        return
      }
      res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers })
      res.end(answer.body ?? 'ok')
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  receiver.close = async () => {
    for (const res of held) res.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return receiver
}
