import { responseTooLarge } from '../genesys/transportErrors'

/**
 * Passes chunks on until more than `limitBytes` have gone by, then throws (the caller's pipeline stops
 * reading). Put after decompression, so the cap counts what would be written or kept, not what came in.
 */
export function capBytes(limitBytes: number, onChunk?: (chunk: Buffer, total: number) => void) {
  return async function* (source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
    let total = 0
    for await (const piece of source) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
      total += chunk.length
      if (total > limitBytes) throw responseTooLarge(limitBytes)
      onChunk?.(chunk, total)
      yield chunk
    }
  }
}
