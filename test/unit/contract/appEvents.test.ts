/**
 * App events leave the app (event delivery), so the contract holds them to ids, counts, hashes, times and
 * enumerated words. This walks every declared app event schema and refuses any field not built from the
 * safe kinds in shared/contract/appEventFields.ts.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { APP_EVENT_TYPES, SIGNAL_NAMES, appEvents } from '../../../src/shared/api'
import { appEventFieldKinds, count, entityId, listOf } from '../../../src/shared/contract/appEventFields'

/** Values no app event may carry: a person's name, an e-mail address, phone numbers, a postal address. */
const PERSONAL_SAMPLES = [
  'Jonas Berg',
  'jonas.berg@example.com',
  '+442079460777',
  '+44 20 7946 0777',
  '12 High Street, London',
  'Call with Jonas Berg.wav',
]
/** Words in a field's name that say it holds someone's data or typed text. */
const PERSONAL_WORDS = new Set([
  'name',
  'email',
  'mail',
  'phone',
  'address',
  'subject',
  'user',
  'person',
  'title',
  'note',
  'notes',
  'comment',
  'description',
  'path',
  'file',
  'metadata',
  'department',
  'tag',
  'text',
  'body',
])
const keyWords = (key: string) => key.split(/(?=[A-Z])|[_.-]/).map((w) => w.toLowerCase())

/** What is wrong with a payload schema: fields of no safe kind, or named like personal data. */
function unsafeFields(schema: z.ZodObject): string[] {
  const problems: string[] = []
  for (const [key, field] of Object.entries(schema.shape)) {
    const kind = appEventFieldKinds.get(field as z.ZodType)?.kind
    if (!kind) problems.push(`${key}: not one of the app event field kinds`)
    else if (kind === 'list') {
      const item = (field as z.ZodArray<z.ZodType>).element
      const itemKind = appEventFieldKinds.get(item)?.kind
      if (!itemKind || itemKind === 'list') problems.push(`${key}: a list of something that is not an app event field kind`)
    }
    if (keyWords(key).some((w) => PERSONAL_WORDS.has(w))) problems.push(`${key}: named like personal data`)
  }
  if (schema.def.catchall === undefined || !(schema.def.catchall instanceof z.ZodNever))
    problems.push('(payload): not strict, so any field could ride along')
  return problems
}

describe('app event payloads', () => {
  it('the check refuses a payload that could carry personal data', () => {
    expect(unsafeFields(z.object({ requestId: entityId(), subjectName: z.string() }).strict())).toEqual([
      'subjectName: not one of the app event field kinds',
      'subjectName: named like personal data',
    ])
    expect(unsafeFields(z.object({ fields: listOf(z.string(), 10) }).strict())).toEqual([
      'fields: a list of something that is not an app event field kind',
    ])
    expect(unsafeFields(z.object({ results: count() }))).toEqual(['(payload): not strict, so any field could ride along'])
  })

  it.each(APP_EVENT_TYPES)('%s holds only ids, counts, hashes, times and enumerated words', (type) => {
    expect(unsafeFields(appEvents[type].schema)).toEqual([])
  })

  it.each(APP_EVENT_TYPES)('%s refuses names, e-mail addresses, phone numbers and postal addresses in every text field', (type) => {
    for (const [key, field] of Object.entries(appEvents[type].schema.shape) as [string, z.ZodType][]) {
      for (const sample of PERSONAL_SAMPLES) {
        expect(field.safeParse(sample).success, `${type}.${key} accepted ${sample}`).toBe(false)
        expect(field.safeParse([sample]).success, `${type}.${key} accepted [${sample}]`).toBe(false)
      }
    }
  })

  it('the recording, privacy, schema, flow and prompt events are declared, and the audit log’s appends are a UI signal, never an app event', () => {
    expect([...APP_EVENT_TYPES].sort()).toEqual([
      'flow.versions.archived',
      'media.url.generated',
      'privacy.export.completed',
      'prompt.uploaded',
      'recording.uploaded',
      'schema.updated',
    ])
    expect(APP_EVENT_TYPES.filter((t) => t.startsWith('audit.'))).toEqual([])
    expect(SIGNAL_NAMES).toContain('audit.appended')
    // One name, one kind: the shells forward signals by name and must never forward an app event.
    expect(SIGNAL_NAMES.filter((name) => (APP_EVENT_TYPES as string[]).includes(name))).toEqual([])
  })
})
