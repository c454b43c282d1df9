/**
 * A real HTTP server on 127.0.0.1 in front of the sandbox (API and media alike): it forwards every
 * request and records each one (with its Range header); `onRequest` runs first (e.g. to move a manual
 * clock); in 'stall' mode a media answer stops after half its body and hangs, as a slow server does.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  path: string
  range?: string
}

export interface MediaProxy {
  url: string
  seen: SeenRequest[]
  mode: 'pass' | 'stall'
  onRequest?: (req: IncomingMessage) => void
  /** Media answers now hanging after half their body. */
  stalled(): number
  close(): Promise<void>
}

export async function startMediaProxy(target: string): Promise<MediaProxy> {
  const upstream = new URL(target)
  const hanging = new Set<ServerResponse>()
  const proxy: MediaProxy = {
    url: '',
    seen: [],
    mode: 'pass',
    stalled: () => hanging.size,
    close: async () => undefined,
  }
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const range = req.headers.range
    proxy.seen.push({ method: req.method ?? '', path, ...(range ? { range } : {}) })
    proxy.onRequest?.(req)
    const stall = proxy.mode === 'stall' && path.startsWith('/__media/') && req.method === 'GET'
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        const length = Number(answer.headers['content-length'])
        if (!stall || !Number.isFinite(length) || length < 2) {
          answer.pipe(res)
          return
        }
        let sent = 0
        const half = Math.floor(length / 2)
        answer.on('data', (chunk: Buffer) => {
          if (sent >= half) return
          const take = chunk.subarray(0, half - sent)
          sent += take.length
          res.write(take)
          if (sent >= half) {
            answer.pause()
            hanging.add(res)
          }
        })
        res.on('close', () => {
          hanging.delete(res)
          answer.destroy()
        })
      },
    )
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return proxy
}
