/**
 * Flow version dates come in two kinds: `dateCreated`, `dateCheckedIn` and `dateSaved` as epoch
 * milliseconds, `datePublished` as a string (shared/genesys-api.md, Flows). Either kind is taken for any
 * of them, since the SDK's model and the wire have disagreed before; what comes out is ISO 8601 UTC.
 */

/** Epoch ms (a number or a string of digits) or a date string, as ISO 8601; undefined when it is neither. */
export function normaliseFlowDate(value: unknown): string | undefined {
  if (typeof value === 'number') return isoOf(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^-?\d+$/.test(text)) return isoOf(Number(text))
  return isoOf(Date.parse(text))
}

function isoOf(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** The raw value as the platform sent it, as text (kept beside the normalised date in the manifest). */
export function rawFlowDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 100)
  return undefined
}
