import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Uplink } from './uplink'

export interface ReceivedObject {
  size: number
  md5: Buffer
  sha256: string
}

export class ConnectionResetByFault extends Error {
  constructor() {
    super('connection reset by an injected fault')
  }
}

export interface InjectedReset {
  afterBytes: number
  /** Called just before the reset, so the count is right by the time the client sees it. */
  onReset: () => void
}

export interface ReceiveOptions {
  reset?: InjectedReset
  /** The link all bodies share: each chunk waits for it before it is read on. */
  uplink?: Uplink
}

/**
 * Streams a request body to `path`, hashing MD5 and SHA-256 on the way, so memory stays flat whatever
 * the size. With `reset`, the socket is reset once that many bytes arrived (an injected fault). With
 * `uplink`, the body is read no faster than the link allows; the client feels it as TCP backpressure.
 */
export async function receiveObject(request: IncomingMessage, path: string, options: ReceiveOptions = {}): Promise<ReceivedObject> {
  const { reset, uplink } = options
  const md5 = createHash('md5')
  const sha256 = createHash('sha256')
  let size = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      if (reset && size >= reset.afterBytes) {
        reset.onReset()
        request.socket.resetAndDestroy()
        callback(new ConnectionResetByFault())
        return
      }
      md5.update(chunk)
      sha256.update(chunk)
      callback(null, chunk)
    },
  })
  if (uplink) await pipeline(request, throttle(uplink), hasher, createWriteStream(path))
  else await pipeline(request, hasher, createWriteStream(path))
  return { size, md5: md5.digest(), sha256: sha256.digest('hex') }
}

function throttle(uplink: Uplink): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      uplink.take(chunk.length).then(() => callback(null, chunk), callback)
    },
  })
}
