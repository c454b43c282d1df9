/** Response headers arrive as AxiosHeaders or as a plain object; names are case-insensitive either way. */
export function plainHeaders(headers: unknown): Record<string, string> {
  const source = toObject(headers)
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null || typeof value === 'function') continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

/** The same answer as plainHeaders(headers)[name], without copying every header (read once per webhook answer). */
export function readHeader(headers: unknown, name: string): string | undefined {
  const source = toObject(headers)
  const wanted = name.toLowerCase()
  let found: string | undefined
  for (const key of Object.keys(source)) {
    if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue
    const value = source[key]
    if (value === undefined || value === null || typeof value === 'function') continue
    found = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return found
}

export const CORRELATION_HEADER = 'inin-correlation-id'

export function correlationIdOf(headers: unknown): string | undefined {
  return readHeader(headers, CORRELATION_HEADER) || undefined
}

function toObject(headers: unknown): Record<string, unknown> {
  if (!headers || typeof headers !== 'object') return {}
  const withToJSON = headers as { toJSON?: () => unknown }
  if (typeof withToJSON.toJSON === 'function') {
    const json = withToJSON.toJSON()
    if (json && typeof json === 'object') return json as Record<string, unknown>
  }
  return headers as Record<string, unknown>
}
