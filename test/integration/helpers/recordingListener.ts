import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

export interface RecordingListener {
  /** http://127.0.0.1:PORT */
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

/** A real HTTP server on 127.0.0.1 that records every request it receives and answers 401. */
export async function startRecordingListener(): Promise<RecordingListener> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    req.resume()
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
