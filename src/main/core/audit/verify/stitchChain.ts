/**
 * Joins the unit summaries back into one chain: each unit must start where the one before ended (next
 * seq, prev = its last hash), each file with the seq it should, no tear, no recorded checkpoint beyond
 * the end. Pure. Undefined when anything is off: the sequential verifier then finds and names it.
 */
import type { ChainPoint, ChainVerdict } from '../chainVerifier'
import type { ChainPlan } from './chainPlan'
import type { UnitSummary } from './verifyProtocol'

export function stitchChain(
  plan: ChainPlan,
  summaries: UnitSummary[],
  start: ChainPoint,
  checkpoints: ReadonlyMap<number, string>,
): ChainVerdict | undefined {
  let seq = start.seq
  let hash = start.hash
  let entries = 0
  let next = 0
  for (const file of plan.files) {
    let firstOfFile = true
    for (let i = 0; i < file.units.length; i++) {
      const unit = summaries[next++]
      if (unit === undefined || unit.doubt !== undefined) return undefined
      if (unit.unterminatedAt !== undefined && unit.unterminatedAt < file.tearBefore) return undefined
      if (unit.lines === 0) continue
      if (unit.firstSeq !== seq + 1 || unit.firstPrev !== hash) return undefined
      if (firstOfFile && unit.firstSeq !== file.firstSeq) return undefined
      firstOfFile = false
      seq = unit.lastSeq
      hash = unit.lastHash
      entries += unit.lines
    }
  }
  for (const checkpointSeq of checkpoints.keys()) if (checkpointSeq > seq) return undefined
  return { ok: true, entries, headHash: hash, lastSeq: seq }
}
