import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { methods } from '../../../src/shared/api'
import { Empty, Id } from '../../../src/shared/contract/common'

const entries = Object.entries(methods) as [string, { input: z.ZodType }][]
const shapeKeys = (schema: z.ZodType): string[] | undefined => (schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined)

describe('contract inputs', () => {
  it('every method that takes nothing uses the one shared Empty schema', () => {
    const takesNothing = entries.filter(([, m]) => shapeKeys(m.input)?.length === 0)
    expect(takesNothing.length).toBeGreaterThan(5)
    expect(takesNothing.filter(([, m]) => m.input !== Empty).map(([name]) => name)).toEqual([])
  })

  it('every method that takes only an id uses the one shared Id schema', () => {
    const takesAnId = entries.filter(([, m]) => shapeKeys(m.input)?.join() === 'id')
    expect(takesAnId.map(([name]) => name)).toEqual(expect.arrayContaining(['profiles.remove', 'jobs.cancel', 'privacy.forget']))
    expect(takesAnId.filter(([, m]) => m.input !== Id).map(([name]) => name)).toEqual([])
  })

  it('Empty refuses extra fields and Id refuses an empty id', () => {
    expect(Empty.safeParse({ extra: 1 }).success).toBe(false)
    expect(Id.safeParse({ id: '' }).success).toBe(false)
    expect(Id.parse({ id: 'j1' })).toEqual({ id: 'j1' })
  })
})
