/**
 * A real HTTP server on 127.0.0.1 between a client and the sandbox: it forwards every request, except
 * that `onRequest` sees each one as it arrives (before anything is forwarded) and may hold it instead
 * (never answered), e.g. to kill the client the moment a state-changing request reached the "server".
 */
import { createServer, request, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface InterceptProxy {
  url: string
  close(): Promise<void>
}

export async function startInterceptProxy(
  target: string,
  onRequest: (req: IncomingMessage) => 'forward' | 'hold',
): Promise<InterceptProxy> {
  const upstream = new URL(target)
  const held: IncomingMessage[] = []
  const server = createServer((req, res) => {
    if (onRequest(req) === 'hold') {
      held.push(req)
      return
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const req of held) req.socket.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
