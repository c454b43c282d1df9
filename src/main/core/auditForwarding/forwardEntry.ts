import type { AuditOutcome } from '../../../shared/contract/audit'

/** One audit entry as it is forwarded: its exact line (so a SIEM can check the hash) and the fields senders need. */
export interface ForwardEntry {
  seq: number
  /** The line's text as written in the log, without its newline. */
  line: string
  time: string
  action: string
  outcome: AuditOutcome
  /** SHA-256 (hex) of the line: the next entry's `prev`. */
  hash: string
}

/** Where entries go. send() throws on any failure; the caller then resends from the durable cursor. */
export interface ForwardSender {
  /** Written (syslog) or accepted (HEC). Acknowledgement is reported through onAck, maybe later. */
  send(entries: ForwardEntry[]): Promise<void>
  /** Called with the highest seq the receiver acknowledged, in increasing order. */
  onAck(listener: (seq: number) => void): void
  /**
   * Called when entries already reported through onAck may not have reached the receiver after all
   * (a syslog connection dropped): everything after `seq` must be sent again.
   */
  onRewind?(listener: (seq: number, error: Error) => void): void
  /** Drops the connection and every unacknowledged batch (they are sent again from the cursor). */
  reset(): void
  close(): Promise<void>
}
