/**
 * Entries that exist nowhere any more (neither live nor in the archive), so forwarding cannot send them:
 * the range, why, and what the admin can do. Everything still on disk, archived or not, is sent instead.
 */
import type { ForwardingSkipped } from '../../../shared/contract/auditForwarding'

/** An archived segment listed in archive/archive.jsonl whose gzip file was removed. */
export function archiveFileMissing(fromSeq: number, toSeq: number, file: string): ForwardingSkipped {
  return {
    fromSeq,
    toSeq,
    reason: `${range(fromSeq, toSeq)} archived in archive/${file}, and that file no longer exists.`,
    hint: `Restore archive/${file} from a backup and give it to the SIEM by hand; forwarding went on with seq ${toSeq + 1}.`,
  }
}

/** Seqs neither in a live segment nor listed in the archive index (files removed outside Switchboard). */
export function notInLog(fromSeq: number, toSeq: number): ForwardingSkipped {
  return {
    fromSeq,
    toSeq,
    reason: `${range(fromSeq, toSeq)} neither in the audit log nor in its archive (archive/archive.jsonl does not list them).`,
    hint: `The files were removed outside Switchboard: if a backup of the audit folder holds them, give them to the SIEM from there; forwarding went on with seq ${toSeq + 1}.`,
  }
}

/** Two ranges back to back (a gap, then a missing archive file) reported as one. */
export function joinSkipped(first: ForwardingSkipped, next: ForwardingSkipped): ForwardingSkipped {
  return { fromSeq: first.fromSeq, toSeq: next.toSeq, reason: `${first.reason} ${next.reason}`, hint: next.hint }
}

function range(fromSeq: number, toSeq: number): string {
  return fromSeq === toSeq ? `Entry ${fromSeq} was` : `Entries ${fromSeq} to ${toSeq} were`
}
