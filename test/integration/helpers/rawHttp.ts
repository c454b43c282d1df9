import { connect } from 'node:net'

export interface RawAnswer {
  status: number
  head: string
  body: string
}

/**
 * Sends bytes exactly as given on a fresh TCP connection and reads the answer. Node's http client would
 * normalise the request line; attacks on the request line must reach the server untouched.
 * A 101 answer is returned as soon as its head arrives (the socket is then closed by us).
 */
export function sendRaw(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let received = Buffer.alloc(0)
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      socket.destroy()
      const text = received.toString('utf8')
      const headEnd = text.indexOf('\r\n\r\n')
      const head = headEnd === -1 ? text : text.slice(0, headEnd)
      const rawBody = headEnd === -1 ? '' : text.slice(headEnd + 4)
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
      resolve({ status, head, body: /transfer-encoding:\s*chunked/i.test(head) ? dechunk(rawBody) : rawBody })
    }
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (/^HTTP\/1\.1 101 /.test(received.toString('latin1')) && received.includes('\r\n\r\n')) finish()
    })
    socket.on('end', finish)
    socket.on('close', finish)
    socket.on('error', (error) => (settled ? undefined : received.length > 0 ? finish() : reject(error)))
    socket.write(request)
  })
}

function dechunk(body: string): string {
  let out = ''
  let rest = body
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    if (lineEnd === -1) return out + rest
    const size = parseInt(rest.slice(0, lineEnd), 16)
    if (!size) return out
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
}

export interface RawRequest {
  method: string
  target: string
  headers?: Record<string, string>
  body?: string
}

/** One HTTP/1.1 request, `Connection: close` unless it asks for an upgrade. */
export function buildRequest(port: number, { method, target, headers = {}, body }: RawRequest): string {
  const all: Record<string, string> = { Host: `127.0.0.1:${port}`, ...headers }
  if (!Object.keys(all).some((k) => k.toLowerCase() === 'connection')) all.Connection = 'close'
  if (body !== undefined) all['Content-Length'] = String(Buffer.byteLength(body))
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`)
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body ?? ''}`
}

/** The headers a browser's WebSocket sends on its upgrade request. */
export function upgradeHeaders(origin?: string): Record<string, string> {
  return {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...(origin ? { Origin: origin } : {}),
  }
}
