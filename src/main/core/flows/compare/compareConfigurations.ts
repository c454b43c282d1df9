/** Two loaded sides compared: canonical hashes (identical exactly when equal) and the structural diff. */
import type { CompareResult } from '../../../../shared/contract/flows/compare'
import { canonicalSha256 } from './canonicalJson'
import { assertComparable } from './comparable'
import type { LoadedSide } from './loadedSide'
import { structuralDiff } from './structuralDiff'

export function compareConfigurations(left: LoadedSide, right: LoadedSide): CompareResult {
  assertComparable(left.configuration, left.label)
  assertComparable(right.configuration, right.label)
  const leftSha256 = canonicalSha256(left.configuration)
  const rightSha256 = canonicalSha256(right.configuration)
  const identical = leftSha256 === rightSha256
  const diff = identical
    ? { counts: { added: 0, removed: 0, changed: 0, moved: 0 }, changes: [], truncated: false }
    : structuralDiff(left.configuration, right.configuration)
  return {
    leftLabel: left.label,
    rightLabel: right.label,
    leftSha256,
    rightSha256,
    left: left.info,
    right: right.info,
    identical,
    ...diff,
  }
}
