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

export function readHeader(headers: unknown, name: string): string | undefined {
  return plainHeaders(headers)[name.toLowerCase()]
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
