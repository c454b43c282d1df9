import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One answer the server gives, in order; 'hang' reads the copy and never answers (until close). */
export type ScriptedAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang'

export interface ReceivedPart {
  name: string
  filename?: string
  type?: string
  bytes: Buffer
}

export interface ReceivedCopy {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** Date.now() when the whole body had arrived. */
  receivedAt: number
  /** The multipart parts, parsed by Node's own FormData (undici); empty when the body is not multipart. */
  parts: ReceivedPart[]
  /** The delivery part, parsed. */
  delivery?: Record<string, unknown>
  /** The status it was answered with ('hang': none). */
  answered?: number
}

export interface RemoteArchiveServer {
  /** http://127.0.0.1:PORT/archive */
  url: string
  origin: string
  requests: ReceivedCopy[]
  /** Answers for the next requests, in order; after them the server acts as an idempotent archive. */
  script(...answers: ScriptedAnswer[]): void
  /** Keys of copies it stored (answered 2xx); a copy under one of them again gets 409. */
  stored: Set<string>
  close(): Promise<void>
}

/**
 * A real receiving server on 127.0.0.1: records every request's headers and body, answers what the test
 * scripted (409, 429 with Retry-After, 503, a hang...), and otherwise behaves as an idempotent archive:
 * 201 for a new Idempotency-Key, 409 for one it already stored.
 */
export async function startRemoteArchiveServer(): Promise<RemoteArchiveServer> {
  const requests: ReceivedCopy[] = []
  const queue: ScriptedAnswer[] = []
  const stored = new Set<string>()
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const copy: ReceivedCopy = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          receivedAt: Date.now(),
          parts: await partsOf(req.headers, body),
        }
        const delivery = copy.parts.find((p) => p.name === 'delivery')
        if (delivery) copy.delivery = JSON.parse(delivery.bytes.toString('utf8')) as Record<string, unknown>
        requests.push(copy)
        const answer = queue.shift()
        if (answer === 'hang') {
          hanging.add(res)
          return
        }
        const key = String(req.headers['idempotency-key'] ?? '')
        const given =
          answer ?? (stored.has(key) ? { status: 409, body: '{"status":"already archived"}' } : { status: 201, body: '{"stored":true}' })
        if (given.status >= 200 && given.status < 300 && key) stored.add(key)
        copy.answered = given.status
        res.writeHead(given.status, { 'content-type': 'application/json', 'x-request-id': `rx-${requests.length}`, ...given.headers })
        res.end(given.body ?? '')
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/archive`,
    origin,
    requests,
    stored,
    script: (...answers) => queue.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function partsOf(headers: IncomingHttpHeaders, body: Buffer): Promise<ReceivedPart[]> {
  const type = headers['content-type'] ?? ''
  if (!type.startsWith('multipart/form-data')) return []
  const form = await new Request('http://receiver.test/', { method: 'POST', headers: { 'content-type': type }, body }).formData()
  const parts: ReceivedPart[] = []
  for (const [name, value] of form) {
    if (typeof value === 'string') parts.push({ name, bytes: Buffer.from(value, 'utf8') })
    else parts.push({ name, filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) })
  }
  return parts
}
