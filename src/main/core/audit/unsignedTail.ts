/**
 * Lines after the signed head that continue its chain: what a Switchboard killed between writing a batch
 * and signing it leaves (the other process, still running, finds them at its next take of the lock).
 */
import { hashLine, parseAuditLine } from './auditLine'
import type { ChainPoint } from './chainVerifier'
import { scanLinesBackward } from './lineScanner'

/** More unsigned lines than one batch of a killed process would leave: not followed. */
const MAX_LINES = 100_000

/**
 * The seq range of the lines in [0, end) of the file after the signed line, when every one of them links
 * to the one before (seq + 1, prev = its hash); undefined when the signed line is not in the file, there
 * is nothing after it, or a link is broken.
 */
export async function unsignedContinuation(
  path: string,
  end: number,
  signed: ChainPoint,
): Promise<{ fromSeq: number; toSeq: number } | undefined> {
  const newestFirst: Buffer[] = []
  let found = false
  await scanLinesBackward(path, { end, chunkSize: 64 * 1024 }, (buf, start, lineEnd) => {
    if (start === lineEnd) return true
    const line = Buffer.from(buf.subarray(start, lineEnd))
    if (hashLine(line) === signed.hash) {
      found = true
      return false
    }
    newestFirst.push(line)
    return newestFirst.length < MAX_LINES
  })
  if (!found || newestFirst.length === 0) return undefined
  let previous = signed
  for (const line of newestFirst.reverse()) {
    const entry = parseAuditLine(line.toString('utf8'))
    if (!entry || entry.seq !== previous.seq + 1 || entry.prev !== previous.hash) return undefined
    previous = { seq: entry.seq, hash: hashLine(line) }
  }
  return { fromSeq: signed.seq + 1, toSeq: previous.seq }
}
