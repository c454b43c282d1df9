/**
 * The head part of a verify result: does a signed anchor of this installation vouch for the log as
 * it is now? Pure: the log hands it what start-up found, the anchor read now, and the chain verdict.
 */
import type { AuditVerifyResult } from '../../../shared/api'
import type { AuditKeyPublic } from './auditSigning'
import type { ChainVerdict } from './chainVerifier'
import type { AnchorCheck } from './headAnchor'

export interface HeadVerdictInput {
  /** What start-up found wrong with the anchor or the key (holds for the whole session). */
  startupProblem?: string
  anchor: AnchorCheck
  verdict: ChainVerdict
  /** The last seq this process wrote or found signed at start. */
  writtenSeq: number
  key: AuditKeyPublic
}

export function headVerdict(input: HeadVerdictInput): NonNullable<AuditVerifyResult['head']> {
  const head: NonNullable<AuditVerifyResult['head']> = { key: input.key.protection }
  if (input.anchor.ok) head.signedSeq = input.anchor.anchor.seq
  const problem =
    input.startupProblem ?? (input.anchor.ok ? undefined : input.anchor.problem) ?? unknownTail(input.verdict, input.writtenSeq)
  if (problem !== undefined) head.problem = problem
  return head
}

/** Well-linked lines past the last one this installation wrote: someone appended them. */
function unknownTail(verdict: ChainVerdict, writtenSeq: number): string | undefined {
  if (!verdict.ok || verdict.lastSeq <= writtenSeq) return undefined
  return `Entries seq ${writtenSeq + 1} to ${verdict.lastSeq} were not written by Switchboard: they come after the last entry it wrote, and no signed head covers them.`
}
