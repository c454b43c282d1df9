/** Checks one unit of the chain in the calling thread (a verify worker's job per message, or the main thread's turn). */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { readRangeLines, type ReadBuffer } from './rangeLines'
import { UnitChecker } from './unitChecker'
import type { ChainUnit, UnitSummary } from './verifyProtocol'

export function checkUnit(unit: ChainUnit, checkpoints: ReadonlyMap<number, string>, scratch?: ReadBuffer): UnitSummary {
  const checker = new UnitChecker(checkpoints)
  if (unit.kind === 'range') {
    const unterminated = readRangeLines(unit.path, unit, checker.line, scratch)
    if (unterminated !== undefined && !checker.inDoubt) checker.unterminated(unterminated)
    return checker.result()
  }
  // An archived segment is at most one segment (64 MiB by default) unpacked: read it whole.
  const bytes = gunzipSync(readFileSync(unit.path))
  let start = 0
  let nl = bytes.indexOf(10)
  while (nl >= 0) {
    if (!checker.line(bytes, start, nl)) return checker.result()
    start = nl + 1
    nl = bytes.indexOf(10, start)
  }
  if (start < bytes.length) checker.unterminated(start)
  return checker.result()
}
