import { z } from 'zod'

/** Fields we read from an error body. Every field is optional and a wrong type is dropped, never trusted. */
const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

export const GenesysErrorBody = z.looseObject({
  message: loose(z.string()),
  code: loose(z.string()),
  status: loose(z.number()),
  contextId: loose(z.string()),
  entityId: loose(z.string()),
  entityName: loose(z.string()),
  messageWithParams: loose(z.string()),
  messageParams: loose(z.record(z.string(), z.unknown())),
  details: loose(z.array(z.record(z.string(), z.unknown()))),
  // OAuth server errors: {error, description, error_description}
  error: loose(z.string()),
  description: loose(z.string()),
  error_description: loose(z.string()),
})
export type GenesysErrorBody = z.infer<typeof GenesysErrorBody>

export function parseErrorBody(data: unknown): GenesysErrorBody {
  const parsed = GenesysErrorBody.safeParse(typeof data === 'string' ? tryJson(data) : data)
  return parsed.success ? parsed.data : {}
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
