/**
 * RFC 5424 messages in RFC 5425 (TLS) octet-counted frames:
 *   MSG-LEN SP <PRI>1 TIMESTAMP HOSTNAME switchboard PROCID MSGID [switchboard@32473 seq="…" hash="…" …] LINE
 * The message text is the audit line itself, so the receiver holds exactly what the log holds and can
 * check the chain; seq in the structured data lets it drop the duplicates at-least-once delivery sends.
 */
import { hostname } from 'node:os'
import type { ForwardEntry } from './forwardEntry'

/** Enterprise number in the SD-ID (RFC 5424 §7.2.2; 32473 is the one reserved for documentation). */
export const SD_ID = 'switchboard@32473'
const APP_NAME = 'switchboard'
/** Facility 13 (log audit). */
const FACILITY = 13
const SEVERITY: Record<string, number> = { ok: 6, cancelled: 5, denied: 4, error: 3 }

/** RFC 5424 PRINTUSASCII (33-126), at most `max` characters; '-' when nothing is left. */
export function headerField(value: string, max: number): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max)
  return cleaned === '' ? '-' : cleaned
}

/** SD-PARAM value escaping (RFC 5424 §6.3.3): '"', '\' and ']' get a backslash. */
export function escapeParam(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`)
}

const HOST = headerField(hostname(), 255)

export function syslogMessage(entry: ForwardEntry, procId: string = String(process.pid)): string {
  const pri = FACILITY * 8 + (SEVERITY[entry.outcome] ?? 5)
  const sd =
    `[${SD_ID} seq="${entry.seq}" hash="${entry.hash}" outcome="${escapeParam(entry.outcome)}"` + ` action="${escapeParam(entry.action)}"]`
  return `<${pri}>1 ${headerField(entry.time, 64)} ${HOST} ${APP_NAME} ${headerField(procId, 128)} ${headerField(entry.action, 32)} ${sd} ${entry.line}`
}

/** A message that is not an audit entry: "Send test entry". */
export function syslogTestMessage(at: Date): string {
  return `<${FACILITY * 8 + 6}>1 ${at.toISOString()} ${HOST} ${APP_NAME} ${process.pid} test [${SD_ID} test="true"] Switchboard audit forwarding test message`
}

/** RFC 5425 framing: MSG-LEN SP SYSLOG-MSG, the length in octets. */
export function frame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8')
  return Buffer.concat([Buffer.from(`${body.length} `, 'latin1'), body])
}

/** One buffer for a batch of entries. */
export function frameBatch(entries: ForwardEntry[]): Buffer {
  return Buffer.concat(entries.map((e) => frame(syslogMessage(e))))
}
