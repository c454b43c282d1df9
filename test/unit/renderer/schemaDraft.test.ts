import { describe, expect, it } from 'vitest'
import { decideConflict, nameProblem, replaceField, withType } from '../../../src/renderer/src/features/schemas/draft'
import { fieldSummary } from '../../../src/renderer/src/features/schemas/fieldSummary'
import { field } from '../schemas/fieldKit'

describe('the proposal editor’s pure edits', () => {
  it('changes a type: new key, the old bounds dropped, label and required kept', () => {
    const next = withType(field('age', 'text', { title: 'Age', required: true, maxLength: 3 }), 'integer')
    expect(next).toEqual({ key: 'age_integer', name: 'age', type: 'integer', title: 'Age', required: true })
    expect(withType(next, 'enum').options).toHaveLength(1)
  })

  it('refuses names that are not lower-case keys, or already used', () => {
    expect(nameProblem('Segment', [])).toMatch(/Lower-case/)
    expect(nameProblem('segment', [field('segment', 'text')])).toMatch(/already/)
    expect(nameProblem('segment_2', [])).toBeUndefined()
  })

  it('replaces, removes and appends fields without touching the others', () => {
    const list = [field('a', 'text'), field('b', 'text')]
    expect(replaceField(list, 'a_text', undefined).map((f) => f.key)).toEqual(['b_text'])
    expect(replaceField(list, 'a_text', field('a', 'url')).map((f) => f.key)).toEqual(['a_url', 'b_text'])
    expect(list.map((f) => f.key)).toEqual(['a_text', 'b_text'])
  })

  it('puts the chosen side of a conflict in place, or removes the field when that side removed it', () => {
    const theirs = field('notes', 'longtext', { maxLength: 800 })
    const mine = field('notes', 'longtext', { maxLength: 300 })
    const fields = [field('a', 'text'), theirs, field('b', 'text')]
    const conflict = { name: 'notes', reason: 'both', base: field('notes', 'longtext'), theirs, mine }
    expect(decideConflict(fields, conflict, 'mine')[1].maxLength).toBe(300)
    expect(decideConflict(fields, conflict, 'theirs')[1].maxLength).toBe(800)
    expect(decideConflict(fields, { ...conflict, mine: undefined }, 'mine').map((f) => f.key)).toEqual(['a_text', 'b_text'])
    expect(decideConflict([field('a', 'text')], { ...conflict, theirs: undefined }, 'mine').map((f) => f.key)).toEqual([
      'a_text',
      'notes_longtext',
    ])
  })

  it('summarises what a field accepts in one line', () => {
    expect(fieldSummary(field('note', 'text', { maxLength: 60, required: true }))).toBe('Text · max 60 chars · required')
    expect(fieldSummary(field('tier', 'enum'))).toBe('Dropdown (enum) · 2 options: Low, High · optional')
  })
})
