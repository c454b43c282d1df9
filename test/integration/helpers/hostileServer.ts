/**
 * A real HTTP server on 127.0.0.1 that behaves the way a hostile or broken org might: inflate bombs,
 * endless JSON, credentials echoed back in error bodies. Routes are added per test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => unknown

export interface HostileServer {
  url: string
  route(method: string, path: string, handler: Route): void
  /** Every request seen, as "METHOD /path". */
  seen: string[]
  close(): Promise<void>
}

export async function startHostileServer(): Promise<HostileServer> {
  const routes = new Map<string, Route>()
  const seen: string[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]
      seen.push(`${req.method} ${path}`)
      const handler = routes.get(`${req.method} ${path}`)
      if (!handler) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no route"}')
        return
      }
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch(() => res.destroy())
    })
    res.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    route: (method, path, handler) => routes.set(`${method} ${path}`, handler),
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** gzip of `inflatedBytes` zero bytes, built a MiB at a time so the test process never holds the inflated form. */
export async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 })
  const out: Buffer[] = []
  gzip.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve)
    gzip.on('error', reject)
  })
  const mib = Buffer.alloc(1024 * 1024)
  for (let written = 0; written < inflatedBytes; written += mib.length) {
    if (!gzip.write(mib)) await new Promise((resolve) => gzip.once('drain', resolve))
  }
  gzip.end()
  await done
  return Buffer.concat(out)
}

export function sendGzip(res: ServerResponse, gz: Buffer, contentType = 'application/json'): void {
  res.writeHead(200, { 'content-type': contentType, 'content-encoding': 'gzip', 'content-length': String(gz.length) })
  res.end(gz)
}

/** A JSON document of `totalBytes`, written as it is read (never built in memory); stops when the reader hangs up. */
export async function streamHugeJson(res: ServerResponse, totalBytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' })
  const item = Buffer.from(`"${'x'.repeat(1022)}",`)
  const chunk = Buffer.concat(Array.from({ length: 1024 }, () => item))
  res.write('{"entities":[')
  for (let written = 0; written < totalBytes && !res.destroyed; written += chunk.length) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off('drain', go)
          res.off('close', go)
          resolve()
        }
        res.on('drain', go)
        res.on('close', go)
      })
    }
  }
  if (!res.destroyed) res.end('"end"]}')
}

export function sendToken(res: ServerResponse, accessToken = 'hostile-access-token-0123456789'): void {
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', expires_in: 3600 }))
}

/** Peak RSS growth (bytes) while `work` runs, sampled every 10 ms. */
export async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; growth: number }> {
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 10)
  try {
    const result = await work()
    return { result, error: undefined, growth: Math.max(peak, process.memoryUsage().rss) - baseline }
  } catch (error) {
    return { result: undefined, error, growth: Math.max(peak, process.memoryUsage().rss) - baseline }
  } finally {
    clearInterval(timer)
  }
}
