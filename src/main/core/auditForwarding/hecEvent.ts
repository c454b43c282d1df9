/** Splunk HTTP Event Collector's event format: one JSON object per entry, concatenated in one body. */
import { hostname } from 'node:os'
import type { ForwardEntry } from './forwardEntry'

const HOST = hostname()
export const HEC_SOURCE = 'switchboard'
export const HEC_SOURCETYPE = 'switchboard:audit'

export function hecEvent(entry: ForwardEntry): string {
  const event = { ...(JSON.parse(entry.line) as Record<string, unknown>), hash: entry.hash }
  return JSON.stringify({ time: Date.parse(entry.time) / 1000, host: HOST, source: HEC_SOURCE, sourcetype: HEC_SOURCETYPE, event })
}

export function hecBody(entries: ForwardEntry[]): Buffer {
  return Buffer.from(entries.map(hecEvent).join('\n'), 'utf8')
}

export function hecTestBody(at: Date): Buffer {
  return Buffer.from(
    JSON.stringify({
      time: at.getTime() / 1000,
      host: HOST,
      source: HEC_SOURCE,
      sourcetype: HEC_SOURCETYPE,
      event: { test: true, message: 'Switchboard audit forwarding test event' },
    }),
  )
}
